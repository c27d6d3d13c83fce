import type { PairOverride, StudyDetail, StudySummary } from "./types";

// Two hosts serve the page (docs/review-api.md). `nodulescope review` keeps its token in an HttpOnly cookie, so
// requests only need to be same-origin. The service wants its API key on every request: the page asks for it once and
// keeps it in sessionStorage (gone when the tab closes), never in a URL.
const keyStorage = "nodulescope.review.apiKey";

/** The host wants an API key (the service answered 401 with a Bearer challenge). */
export class KeyRequiredError extends Error {
  constructor(readonly rejected: boolean) {
    super(rejected ? "the API key was not accepted" : "an API key is needed");
  }
}

export function setApiKey(key: string): void {
  sessionStorage.setItem(keyStorage, key);
}

function headers(extra?: Record<string, string>): Record<string, string> {
  const key = sessionStorage.getItem(keyStorage);
  return { ...(key ? { "X-Api-Key": key } : {}), ...extra };
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, {
    ...init,
    credentials: "same-origin",
    cache: "no-store",
    headers: headers(init.headers as Record<string, string> | undefined),
  });
  if (response.status === 401 && response.headers.get("WWW-Authenticate")?.startsWith("Bearer")) {
    const hadKey = sessionStorage.getItem(keyStorage) !== null;
    sessionStorage.removeItem(keyStorage);
    throw new KeyRequiredError(hadKey);
  }
  return response;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await request(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function postJson(path: string, body: unknown, method = "POST"): Promise<Response> {
  return request(path, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

const studyPath = (id: string) => `/api/review/studies/${encodeURIComponent(id)}`;

export const api = {
  session: () => getJson<{ user: string }>("/api/review/session"),
  studies: () => getJson<StudySummary[]>("/api/review/studies"),
  study: (id: string) => getJson<StudyDetail>(studyPath(id)),

  /** A short-lived address of the regenerated report that a new tab can open without the API key. */
  async reportLink(id: string): Promise<string> {
    const response = await request(`${studyPath(id)}/report-link`, { method: "POST" });
    if (!response.ok) throw new Error(`report: HTTP ${response.status}`);
    return ((await response.json()) as { url: string }).url;
  },

  async slice(id: string, z: number): Promise<Int16Array> {
    const response = await request(`${studyPath(id)}/slices/${z}`);
    if (!response.ok) throw new Error(`slice ${z}: HTTP ${response.status}`);
    return new Int16Array(await response.arrayBuffer());
  },

  /** Adds the nodule at a world point (LPS mm) as a finding; the host's reason when nothing is there. */
  async addFinding(id: string, point: [number, number, number]): Promise<{ findingId: number; study: StudyDetail } | { error: string }> {
    const response = await postJson(`${studyPath(id)}/findings`, { x: point[0], y: point[1], z: point[2] });
    if (response.status === 422) return { error: ((await response.json()) as { error: string }).error };
    if (!response.ok) throw new Error(`add finding: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as { findingId: number; study: StudyDetail };
  },

  async act(id: string, findingId: number, body: { action: string; longAxisMm?: number; shortAxisMm?: number }): Promise<StudyDetail> {
    const response = await postJson(`${studyPath(id)}/findings/${findingId}/actions`, body);
    if (!response.ok) throw new Error(`${body.action} #${findingId}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as StudyDetail;
  },

  /** Stores the reviewer's pairings with the prior exam; the service processes the study again with them. */
  async setPairs(id: string, pairs: PairOverride[]): Promise<string> {
    const response = await postJson(`${studyPath(id)}/pairs`, { pairs }, "PUT");
    const body = (await response.json().catch(() => ({}))) as { message?: string; detail?: string };
    if (!response.ok) throw new Error(`pairings: HTTP ${response.status} ${body.detail ?? ""}`);
    return body.message ?? "stored";
  },
};
