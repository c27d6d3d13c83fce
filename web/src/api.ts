import type { StudyDetail, StudySummary } from "./types";

// The token travels in an HttpOnly cookie set by /?token=…; requests only need to be same-origin.
async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const api = {
  session: () => getJson<{ user: string }>("/api/review/session"),
  studies: () => getJson<StudySummary[]>("/api/review/studies"),
  study: (id: string) => getJson<StudyDetail>(`/api/review/studies/${encodeURIComponent(id)}`),
  reportUrl: (id: string) => `/api/review/studies/${encodeURIComponent(id)}/report`,

  async slice(id: string, z: number): Promise<Int16Array> {
    const response = await fetch(`/api/review/studies/${encodeURIComponent(id)}/slices/${z}`, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error(`slice ${z}: HTTP ${response.status}`);
    return new Int16Array(await response.arrayBuffer());
  },

  /** Adds the nodule at a world point (LPS mm) as a finding; null with the host's reason when nothing is there. */
  async addFinding(id: string, point: [number, number, number]): Promise<{ findingId: number; study: StudyDetail } | { error: string }> {
    const response = await fetch(`/api/review/studies/${encodeURIComponent(id)}/findings`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ x: point[0], y: point[1], z: point[2] }),
    });
    if (response.status === 422) return { error: ((await response.json()) as { error: string }).error };
    if (!response.ok) throw new Error(`add finding: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as { findingId: number; study: StudyDetail };
  },

  async act(id: string, findingId: number, body: { action: string; longAxisMm?: number; shortAxisMm?: number }): Promise<StudyDetail> {
    const response = await fetch(`/api/review/studies/${encodeURIComponent(id)}/findings/${findingId}/actions`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${body.action} #${findingId}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as StudyDetail;
  },
};
