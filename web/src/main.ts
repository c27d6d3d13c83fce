import { api, KeyRequiredError, setApiKey } from "./api";
import type { ComparisonPair, Decision, Finding, PairOverride, StudyDetail, StudySummary } from "./types";
import { presets, Viewer } from "./viewer";
import type { Mark, MouseTool } from "./viewer";
import { VolumeStore } from "./volume";
import type { Plane } from "./volume";

/** Timings the browser test reads (performance.now, ms). */
interface ReviewMetrics {
  firstImageMs: number | null;
  allSlicesMs: number | null;
  renderTimesMs: number[];
  /** How Cornerstone renders: "webgl" or "cpu". */
  renderer: string | null;
}

declare global {
  interface Window {
    reviewMetrics: ReviewMetrics;
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

window.reviewMetrics = { firstImageMs: null, allSlicesMs: null, renderTimesMs: [], renderer: null };

let studies: StudySummary[] = [];
let sortKey: keyof StudySummary = "label";
let sortAscending = true;

let detail: StudyDetail | null = null;
let viewer: Viewer | null = null;
let volume: VolumeStore | null = null;
let selected = 0;
let pendingRuler: "long" | "short" = "long";

function text(tag: string, value: string, className?: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = value;
  if (className) el.className = className;
  return el;
}

function showError(e: unknown): void {
  if (e instanceof KeyRequiredError) {
    showLogin(e.rejected);
    return;
  }
  $("status-line").textContent = `Error: ${e instanceof Error ? e.message : String(e)}`;
  document.body.dataset.error = "1";
}

// ---------------------------------------------------------------- sign-in (the service's API key)

function showLogin(rejected: boolean): void {
  $("worklist-view").hidden = true;
  $("viewer-view").hidden = true;
  $("login-view").hidden = false;
  document.body.dataset.view = "login";
  if (rejected) $("login-message").textContent = "That API key was not accepted. Enter it again.";
  $("login-key").focus();
}

async function start(): Promise<void> {
  const session = await api.session();
  $("user").textContent = `Reviewer: ${session.user}`;
  $("login-view").hidden = true;
  await showWorklist();
}

// ---------------------------------------------------------------- worklist

const lungRadsRank = (c: string | null) => (c === null ? -1 : ["2", "3", "4A", "4B", "4X"].indexOf(c));

function renderWorklist(): void {
  const filter = ($("worklist-filter") as HTMLInputElement).value.trim().toLowerCase();
  const rows = studies
    .filter((s) => !filter || [s.label, s.status, s.highestLungRads ?? "", String(s.findingCount)].some((v) => v.toLowerCase().includes(filter)))
    .sort((a, b) => {
      const va = sortKey === "highestLungRads" ? lungRadsRank(a.highestLungRads) : a[sortKey];
      const vb = sortKey === "highestLungRads" ? lungRadsRank(b.highestLungRads) : b[sortKey];
      const order = va! < vb! ? -1 : va! > vb! ? 1 : 0;
      return sortAscending ? order : -order;
    });
  const body = document.querySelector("#worklist tbody")!;
  body.replaceChildren(
    ...rows.map((s) => {
      const tr = document.createElement("tr");
      tr.dataset.study = s.id;
      tr.append(text("td", s.label), text("td", s.status), text("td", String(s.findingCount), "num"), text("td", s.highestLungRads ?? "–"), text("td", String(s.slices), "num"));
      tr.addEventListener("click", () => void openStudy(s.id));
      return tr;
    }),
  );
  document.querySelectorAll<HTMLElement>("#worklist th").forEach((th) => {
    th.classList.toggle("sorted-asc", th.dataset.key === sortKey && sortAscending);
    th.classList.toggle("sorted-desc", th.dataset.key === sortKey && !sortAscending);
  });
}

async function showWorklist(): Promise<void> {
  $("login-view").hidden = true;
  $("viewer-view").hidden = true;
  $("worklist-view").hidden = false;
  studies = await api.studies();
  renderWorklist();
  document.body.dataset.view = "worklist";
}

// ---------------------------------------------------------------- viewer and findings

function decisionOf(id: number): Decision | undefined {
  return detail?.decisions.find((d) => d.findingId === id);
}

function marks(): Mark[] {
  if (!detail || !volume) return [];
  return detail.findings.map((f, i) => {
    const a = volume!.worldToVoxel(f.boundsMinWorld);
    const b = volume!.worldToVoxel(f.boundsMaxWorld);
    const status = decisionOf(f.id)?.status;
    const category = f.characterization?.lungRadsCategory;
    return {
      id: f.id,
      label: `#${f.id}${category ? ` LR ${category}` : ""}`,
      min: [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2])],
      max: [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2])],
      color: status === "accept" ? "#20d060" : status === "reject" ? "#ff3030" : "#ffd000",
      selected: i === selected,
    };
  });
}

function fmt(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined ? "–" : value.toFixed(digits);
}

function renderFindings(): void {
  if (!detail) return;
  const list = $("findings-list");
  $("edit-form").hidden = detail.findings.length === 0;
  if (detail.findings.length === 0) {
    list.replaceChildren(text("li", "No findings: nothing to review.", "muted"));
    return;
  }
  list.replaceChildren(
    ...detail.findings.map((f: Finding, i) => {
      const decision = decisionOf(f.id);
      const li = document.createElement("li");
      li.dataset.finding = String(f.id);
      li.dataset.status = decision?.status ?? "pending";
      if (i === selected) li.classList.add("selected");
      const c = f.characterization;
      const longAxis = decision?.longAxisMm ?? f.longAxisMm;
      const shortAxis = decision?.shortAxisMm ?? f.shortAxisMm;
      if (decision?.added) li.dataset.added = "1";
      const badge = decision?.status === "reject" ? "rejected" : decision?.added ? "added" : decision?.status === "accept" ? "accepted" : "pending";
      li.append(
        text("span", badge, `badge ${decision?.status ?? ""}`),
        text("strong", `#${f.id} ${c?.type ?? "nodule"}${c?.lobe ? `, ${c.lobe} lobe` : ""}`),
        text("div", `${fmt(longAxis, 1)} × ${fmt(shortAxis, 1)} mm${decision?.longAxisMm ? " (corrected)" : ""} · ${fmt(f.volumeMm3, 0)} mm³`, "facts"),
        text("div", `Lung-RADS ${c?.lungRadsCategory ?? "–"} · Brock ${c?.brockProbability == null ? "–" : (c.brockProbability * 100).toFixed(1) + " %"} · p ${fmt(f.probability, 2)}`, "facts"),
      );
      const pair = pairOf(f.id);
      if (pair) li.append(text("div", `Prior ${pair.priorFindingId === null ? "none" : `#${pair.priorFindingId}`}: ${changeText(pair)}`, "facts prior"));
      if (decision?.user) li.append(text("div", `${decision.added && decision.status === "accept" ? "added" : decision.status ?? "edited"} by ${decision.user} ${decision.time ? new Date(decision.time).toLocaleString() : ""}`, "facts"));
      li.addEventListener("click", () => select(i));
      return li;
    }),
  );
  const f = detail.findings[selected];
  if (f) {
    const decision = decisionOf(f.id);
    ($("edit-long") as HTMLInputElement).value = fmt(decision?.longAxisMm ?? f.longAxisMm, 1);
    ($("edit-short") as HTMLInputElement).value = fmt(decision?.shortAxisMm ?? f.shortAxisMm, 1);
  }
  if (viewer) {
    viewer.marks = marks();
    viewer.render();
  }
}

// ---------------------------------------------------------------- comparison with the prior exam

function pairOf(findingId: number): ComparisonPair | undefined {
  return detail?.comparison?.pairs.find((p) => p.currentFindingId === findingId);
}

const statusWords: Record<string, string> = { slowGrowing: "slow growing", notAssessed: "not assessed" };

function changeText(p: ComparisonPair): string {
  const words = statusWords[p.status] ?? p.status;
  const sizes = p.priorMeanDiameterMm !== null && p.currentMeanDiameterMm !== null ? ` ${fmt(p.priorMeanDiameterMm, 1)} → ${fmt(p.currentMeanDiameterMm, 1)} mm` : "";
  // A doubling time means something for a nodule that grows; for a stable one it is noise over a long interval.
  const grows = p.status === "growing" || p.status === "slowGrowing";
  const vdt = grows && p.volumeDoublingTimeDays !== null ? `, VDT ${Math.round(p.volumeDoublingTimeDays)} d` : "";
  return `${words}${sizes}${vdt}`;
}

/** The pairing the reviewer set for a current finding: "auto", "none" or a prior finding id. */
function overrideFor(findingId: number): string {
  const o = detail?.comparison?.overrides?.find((x) => x.current === findingId);
  return o === undefined ? "auto" : o.prior === null ? "none" : String(o.prior);
}

function renderComparison(): void {
  const c = detail?.comparison;
  $("comparison").hidden = !c;
  if (!c || !detail) return;
  $("comparison-summary").textContent = `Prior ${c.priorStudyDate}, current ${c.currentStudyDate} (${Math.round(c.intervalDays)} days) · follow-up Lung-RADS ${c.lungRadsCategory}`;
  const priors = c.pairs.filter((p) => p.priorFindingId !== null);
  const body = document.querySelector("#comparison-pairs tbody")!;
  body.replaceChildren(
    ...c.pairs.map((p) => {
      const tr = document.createElement("tr");
      tr.dataset.pair = String(p.index);
      const current = p.currentFindingId === null ? "–" : `#${p.currentFindingId}`;
      let priorCell: HTMLElement;
      if (c.canOverride && p.currentFindingId !== null) {
        const choice = document.createElement("select");
        choice.dataset.current = String(p.currentFindingId);
        choice.title = "Pair this nodule with a nodule of the prior exam";
        const option = (value: string, label: string) => {
          const o = document.createElement("option");
          o.value = value;
          o.textContent = label;
          return o;
        };
        choice.append(
          option("auto", p.priorFindingId === null ? "auto: none" : `auto: #${p.priorFindingId}`),
          option("none", "none (new)"),
          ...priors.map((q) => option(String(q.priorFindingId), `#${q.priorFindingId} ${fmt(q.priorMeanDiameterMm, 1)} mm`)),
        );
        choice.value = overrideFor(p.currentFindingId);
        priorCell = document.createElement("td");
        priorCell.append(choice);
      } else {
        priorCell = text("td", p.priorFindingId === null ? (p.method === "refoundOnPrior" ? "refound" : "–") : `#${p.priorFindingId}`);
      }
      const change = text("td", changeText(p));
      change.append(text("div", `match: ${p.method}, confidence ${(p.confidence * 100).toFixed(0)} %`, "muted"));
      tr.append(text("td", current), priorCell, change);
      if (p.currentFindingId !== null) {
        const index = detail!.findings.findIndex((f) => f.id === p.currentFindingId);
        tr.querySelector("td")!.addEventListener("click", () => select(index));
      }
      return tr;
    }),
  );
  $("comparison-edit").hidden = !c.canOverride;
}

async function applyPairs(): Promise<void> {
  if (!detail?.comparison) return;
  const pairs: PairOverride[] = [];
  document.querySelectorAll<HTMLSelectElement>("#comparison-pairs select").forEach((choice) => {
    if (choice.value === "auto") return;
    pairs.push({ prior: choice.value === "none" ? null : Number(choice.value), current: Number(choice.dataset.current) });
  });
  try {
    $("pairs-message").textContent = await api.setPairs(detail.id, pairs);
    document.body.dataset.pairsApplied = String(pairs.length);
  } catch (e) {
    $("pairs-message").textContent = e instanceof Error ? e.message : String(e);
  }
}

async function openReport(): Promise<void> {
  if (!detail) return;
  try {
    // Browsers let a page open a tab for a few seconds after a click, which covers this one short request.
    const url = await api.reportLink(detail.id);
    window.open(url, "_blank", "noopener");
  } catch (e) {
    showError(e);
  }
}

function select(i: number): void {
  if (!detail || detail.findings.length === 0) return;
  selected = (i + detail.findings.length) % detail.findings.length;
  pendingRuler = "long";
  const f = detail.findings[selected];
  viewer?.goToVoxel(f.centerVoxel);
  document.body.dataset.selected = String(f.id);
  renderFindings();
}

async function act(action: "accept" | "reject"): Promise<void> {
  if (!detail || detail.findings.length === 0) return;
  const f = detail.findings[selected];
  try {
    detail = await api.act(detail.id, f.id, { action });
    renderFindings();
    document.body.dataset.actions = String(Number(document.body.dataset.actions ?? "0") + 1);
  } catch (e) {
    showError(e);
  }
}

async function addFinding(world: [number, number, number]): Promise<void> {
  if (!detail) return;
  $("status-line").textContent = "Segmenting the clicked nodule…";
  try {
    const result = await api.addFinding(detail.id, world);
    if ("error" in result) {
      $("status-line").textContent = result.error;
      return;
    }
    detail = result.study;
    document.body.dataset.added = String(result.findingId);
    select(detail.findings.findIndex((f) => f.id === result.findingId));
  } catch (e) {
    showError(e);
  }
}

function updateStatusLine(): void {
  if (!viewer || !volume) return;
  const canvas = $("ct");
  canvas.dataset.plane = viewer.plane;
  canvas.dataset.index = String(viewer.index);
  const loaded = volume.complete ? "" : " · loading slices…";
  $("status-line").textContent = `${viewer.plane} ${viewer.index + 1}/${volume.sliceCount(viewer.plane)} · W ${Math.round(viewer.wl.width)} L ${Math.round(viewer.wl.center)} · zoom ${viewer.zoom.toFixed(2)}${loaded}`;
}

async function openStudy(id: string): Promise<void> {
  const opened = performance.now();
  window.reviewMetrics = { firstImageMs: null, allSlicesMs: null, renderTimesMs: [], renderer: null };
  for (const key of ["firstImage", "allSlices", "selected", "added"]) delete document.body.dataset[key];
  delete $("ct").dataset.rendered;
  $("worklist-view").hidden = true;
  $("viewer-view").hidden = false;
  document.body.dataset.view = "viewer";
  try {
    detail = await api.study(id);
    viewer?.destroy();
    viewer = null;
    volume = new VolumeStore(id, detail.volume);
    viewer = await Viewer.create($("ct"), volume);
    window.reviewMetrics.renderTimesMs = viewer.renderTimesMs;
    window.reviewMetrics.renderer = viewer.renderer;
    viewer.onChange = updateStatusLine;
    viewer.onAddPoint = (world) => void addFinding(world);
    viewer.onRuler = (mm) => {
      ($(pendingRuler === "long" ? "edit-long" : "edit-short") as HTMLInputElement).value = mm.toFixed(1);
      pendingRuler = pendingRuler === "long" ? "short" : "long";
    };
    volume.onProgress = () => {
      if (volume!.complete) {
        window.reviewMetrics.allSlicesMs = performance.now() - opened;
        updateStatusLine();
      }
    };
    $("pairs-message").textContent = "";
    renderComparison();
    selected = 0;
    const first = detail.findings[0];
    viewer.marks = marks();
    await viewer.show("axial", first ? Math.round(first.centerVoxel[2]) : Math.floor(volume.nz / 2));
    window.reviewMetrics.firstImageMs = performance.now() - opened;
    document.body.dataset.firstImage = "1";
    if (first) document.body.dataset.selected = String(first.id);
    renderFindings();
    $("ct").focus();
    await volume.prefetch(viewer.index);
    document.body.dataset.allSlices = "1";
  } catch (e) {
    showError(e);
  }
}

// ---------------------------------------------------------------- wiring

function bind(): void {
  $("to-worklist").addEventListener("click", () => void showWorklist().catch(showError));
  $("worklist-filter").addEventListener("input", renderWorklist);
  document.querySelectorAll<HTMLElement>("#worklist th").forEach((th) =>
    th.addEventListener("click", () => {
      const key = th.dataset.key as keyof StudySummary;
      sortAscending = key === sortKey ? !sortAscending : true;
      sortKey = key;
      renderWorklist();
    }),
  );
  const toggle = (selector: string, el: HTMLElement) => document.querySelectorAll(selector).forEach((b) => b.classList.toggle("on", b === el));
  document.querySelectorAll<HTMLElement>("[data-plane]").forEach((b) =>
    b.addEventListener("click", () => {
      toggle("[data-plane]", b);
      const f = detail?.findings[selected];
      viewer?.setPlane(b.dataset.plane as Plane, f ? [f.centerVoxel[0], f.centerVoxel[1], f.centerVoxel[2]] : undefined);
    }),
  );
  const preset = (name: string) => {
    if (!viewer) return;
    viewer.wl = { ...presets[name] };
    toggle("[data-preset]", document.querySelector(`[data-preset="${name}"]`)!);
  };
  document.querySelectorAll<HTMLElement>("[data-preset]").forEach((b) => b.addEventListener("click", () => preset(b.dataset.preset!)));
  const useTool = (b: HTMLElement) => {
    toggle("[data-tool]", b);
    if (viewer) viewer.tool = b.dataset.tool as MouseTool;
    $("ct").dataset.tool = b.dataset.tool;
  };
  document.querySelectorAll<HTMLElement>("[data-tool]").forEach((b) => b.addEventListener("click", () => useTool(b)));
  $("reset-view").addEventListener("click", () => viewer?.resetView());
  $("prev-finding").addEventListener("click", () => select(selected - 1));
  $("next-finding").addEventListener("click", () => select(selected + 1));
  $("accept").addEventListener("click", () => void act("accept"));
  $("reject").addEventListener("click", () => void act("reject"));
  $("report-link").addEventListener("click", () => void openReport());
  $("apply-pairs").addEventListener("click", () => void applyPairs());
  $("login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    setApiKey(($("login-key") as HTMLInputElement).value.trim());
    ($("login-key") as HTMLInputElement).value = "";
    start().catch(showError);
  });
  $("edit-form").addEventListener("submit", (e) => {
    e.preventDefault();
    if (!detail || detail.findings.length === 0) return;
    const longAxisMm = Number(($("edit-long") as HTMLInputElement).value);
    const shortAxisMm = Number(($("edit-short") as HTMLInputElement).value);
    const f = detail.findings[selected];
    api.act(detail.id, f.id, { action: "edit", longAxisMm: Math.max(longAxisMm, shortAxisMm), shortAxisMm: Math.min(longAxisMm, shortAxisMm) })
      .then((d) => {
        detail = d;
        renderFindings();
      })
      .catch(showError);
  });
  document.addEventListener("keydown", (e) => {
    if ($("viewer-view").hidden || !viewer || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target instanceof HTMLInputElement) return;
    const actions: Record<string, () => void> = {
      j: () => select(selected + 1),
      k: () => select(selected - 1),
      a: () => void act("accept"),
      r: () => void act("reject"),
      "1": () => preset("lung"),
      "2": () => preset("mediastinum"),
      "0": () => viewer!.resetView(),
      n: () => useTool(document.querySelector<HTMLElement>("[data-tool='add']")!),
      w: () => useTool(document.querySelector<HTMLElement>("[data-tool='window']")!),
      ArrowDown: () => viewer!.scroll(1),
      ArrowUp: () => viewer!.scroll(-1),
      PageDown: () => viewer!.scroll(10),
      PageUp: () => viewer!.scroll(-10),
    };
    const handler = actions[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (handler) {
      e.preventDefault();
      handler();
    }
  });
}

bind();
start().catch(showError);
