import { Enums, RenderingEngine, eventTarget, getShouldUseCPURendering, init as initCore, setUseCPURendering } from "@cornerstonejs/core";
import type { Types } from "@cornerstonejs/core";
import {
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  addTool,
  annotation,
  init as initTools,
} from "@cornerstonejs/tools";
import { imageIdOf, planeGeometry, planeToWorld, registerImageSource, useVolume } from "./imageSource";
import { chooseRenderer } from "./renderer";
import type { Renderer } from "./renderer";
import type { Plane, VolumeStore } from "./volume";

export interface Mark {
  id: number;
  label: string;
  /** Voxel-space box corners (x, y, z), inclusive of the voxels' extent. */
  min: [number, number, number];
  max: [number, number, number];
  color: string;
  selected: boolean;
}

export interface WindowLevel {
  width: number;
  center: number;
}

export const presets: Record<string, WindowLevel> = {
  lung: { width: 1500, center: -600 },
  mediastinum: { width: 400, center: 40 },
};

/** What the left mouse button does; "add" posts the clicked point as a missed nodule. */
export type MouseTool = "window" | "pan" | "zoom" | "ruler" | "add";

const toolNames: Record<Exclude<MouseTool, "add">, string> = {
  window: WindowLevelTool.toolName,
  pan: PanTool.toolName,
  zoom: ZoomTool.toolName,
  ruler: LengthTool.toolName,
};

const engineId = "nodulescope-review";
const viewportId = "ct";
const toolGroupId = "nodulescope-review-tools";
const svgNs = "http://www.w3.org/2000/svg";

let initialised = false;

async function initialiseCornerstone(): Promise<void> {
  if (initialised) return;
  await initCore();
  initTools();
  for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool]) addTool(tool);
  registerImageSource();
  initialised = true;
}

/**
 * One Cornerstone3D StackViewport showing a plane of the volume (axial slices, or coronal/sagittal reformats cut by
 * the VolumeStore), with Cornerstone tools for window/level, pan, zoom, wheel scrolling and the ruler, and the nodule
 * marks drawn as an SVG overlay through the viewport's world-to-canvas transform. At zoom 1 and no pan Cornerstone
 * fits the image to the element keeping its millimetre aspect ratio and centres it.
 */
export class Viewer {
  plane: Plane = "axial";
  index = 0;
  marks: Mark[] = [];
  onChange: () => void = () => {};
  onRuler: (lengthMm: number) => void = () => {};
  onAddPoint: (world: [number, number, number]) => void = () => {};
  /** Time from asking for a slice to Cornerstone having rendered it, one entry per rendered slice change (ms). */
  readonly renderTimesMs: number[] = [];
  readonly renderer: Renderer;

  private currentTool: MouseTool = "window";
  private readonly viewport: Types.IStackViewport;
  private readonly overlay: SVGSVGElement;
  private readonly open: number;
  private requestedAt: number | null = null;
  private renderingEngine: RenderingEngine;
  private renderWaiters: (() => void)[] = [];
  private shownOnce = false;
  private readonly listeners = new AbortController();

  private constructor(private readonly element: HTMLElement, private readonly volume: VolumeStore) {
    this.open = useVolume(volume);
    this.renderer = getShouldUseCPURendering() ? "cpu" : "webgl";
    const host = element.querySelector<HTMLDivElement>(".cs-viewport")!;
    this.overlay = element.querySelector<SVGSVGElement>("svg.marks")!;
    this.renderingEngine = new RenderingEngine(engineId);
    this.renderingEngine.enableElement({ viewportId, type: Enums.ViewportType.STACK, element: host, defaultOptions: { background: [0, 0, 0] } });
    this.viewport = this.renderingEngine.getViewport(viewportId) as Types.IStackViewport;
    this.index = Math.floor(volume.nz / 2);

    ToolGroupManager.destroyToolGroup(toolGroupId);
    const group = ToolGroupManager.createToolGroup(toolGroupId)!;
    for (const name of Object.values(toolNames)) group.addTool(name);
    group.addTool(StackScrollTool.toolName);
    group.addViewport(viewportId, engineId);
    group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Wheel }] });
    this.bindTools();

    // The element outlives this viewer (the next study reuses it): destroy() removes these listeners.
    const { signal } = this.listeners;
    host.addEventListener(Enums.Events.IMAGE_RENDERED, () => this.rendered(), { signal });
    host.addEventListener(Enums.Events.STACK_NEW_IMAGE, ((e: CustomEvent<{ imageIdIndex: number }>) => {
      if (e.detail.imageIdIndex !== this.index) {
        // The wheel (StackScrollTool) moved the stack.
        this.index = e.detail.imageIdIndex;
        this.onChange();
      }
    }) as EventListener, { signal });
    host.addEventListener(Enums.Events.VOI_MODIFIED, () => this.onChange(), { signal });
    host.addEventListener(Enums.Events.CAMERA_MODIFIED, () => this.drawMarks(), { signal });
    host.addEventListener("contextmenu", (e) => e.preventDefault(), { signal });
    host.addEventListener("pointerdown", (e) => this.addPointAt(e), { capture: true, signal });
    eventTarget.addEventListener(ToolEnums.Events.ANNOTATION_COMPLETED, this.annotationCompleted);
  }

  private readonly annotationCompleted = ((e: CustomEvent<{ annotation: { metadata: { toolName: string }; data: { handles: { points: Types.Point3[] } } } }>) => {
    const a = e.detail.annotation;
    if (a.metadata.toolName !== LengthTool.toolName) return;
    const [p, q] = a.data.handles.points;
    const length = Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]);
    if (length > 0.5) this.onRuler(length);
  }) as EventListener;

  static async create(element: HTMLElement, volume: VolumeStore): Promise<Viewer> {
    await initialiseCornerstone();
    setUseCPURendering(chooseRenderer() === "cpu");
    return new Viewer(element, volume);
  }

  /** Releases the rendering engine, tool group and ruler annotations (before another study is opened). */
  destroy(): void {
    eventTarget.removeEventListener(ToolEnums.Events.ANNOTATION_COMPLETED, this.annotationCompleted);
    this.listeners.abort();
    ToolGroupManager.destroyToolGroup(toolGroupId);
    annotation.state.removeAllAnnotations();
    this.renderingEngine.destroy();
    this.overlay.replaceChildren();
  }

  get tool(): MouseTool {
    return this.currentTool;
  }

  set tool(tool: MouseTool) {
    this.currentTool = tool;
    this.bindTools();
  }

  get wl(): WindowLevel {
    const range = this.shownOnce ? this.viewport.getProperties().voiRange : undefined;
    if (!range) return { ...presets.lung };
    return { width: range.upper - range.lower, center: (range.upper + range.lower) / 2 };
  }

  set wl(wl: WindowLevel) {
    this.viewport.setProperties({ voiRange: { lower: wl.center - wl.width / 2, upper: wl.center + wl.width / 2 } });
    this.viewport.render();
  }

  /** Canvas pixels per mm relative to the fitted image (1 = fit). Computed through world-to-canvas, the same on
   * Cornerstone's WebGL and CPU paths (their own getZoom() differ: relative to the fitted camera vs absolute). */
  get zoom(): number {
    if (!this.shownOnce) return 1;
    const g = planeGeometry(this.volume, this.plane, this.index);
    const a = this.viewport.worldToCanvas(planeToWorld(g, 0, 0) as Types.Point3);
    const b = this.viewport.worldToCanvas(planeToWorld(g, 1 / g.columnSpacing, 0) as Types.Point3);
    const { clientWidth, clientHeight } = this.element;
    const fit = Math.min(clientWidth / (g.columns * g.columnSpacing), clientHeight / (g.rows * g.rowSpacing));
    return Math.hypot(b[0] - a[0], b[1] - a[1]) / fit;
  }

  /** Shows the first image of a plane; resolves once it is rendered. */
  async show(plane: Plane, index: number): Promise<void> {
    const wl = this.plane === plane && this.viewport.getImageIds().length > 0 ? this.wl : null;
    this.plane = plane;
    this.index = this.clampIndex(index);
    const ids = Array.from({ length: this.volume.sliceCount(plane) }, (_, i) => imageIdOf(this.open, plane, i));
    this.requestedAt = performance.now();
    this.onChange();
    const rendered = new Promise<void>((resolve) => this.renderWaiters.push(resolve));
    await this.viewport.setStack(ids, this.index);
    if (wl) this.wl = wl;
    this.viewport.render();
    await rendered;
  }

  setPlane(plane: Plane, voxel?: [number, number, number]): void {
    const keep = this.wl;
    const center = voxel ?? [this.volume.nx / 2, this.volume.ny / 2, this.volume.nz / 2];
    const index = Math.round(plane === "axial" ? center[2] : plane === "coronal" ? center[1] : center[0]);
    void this.show(plane, index).then(() => (this.wl = keep));
  }

  goToVoxel(voxel: number[]): void {
    const i = this.plane === "axial" ? voxel[2] : this.plane === "coronal" ? voxel[1] : voxel[0];
    this.setIndex(Math.round(i));
  }

  scroll(delta: number): void {
    this.setIndex(this.index + delta);
  }

  resetView(): void {
    this.viewport.resetCamera();
    this.viewport.render();
  }

  /** Redraws the image and the marks (after the marks or the window changed). */
  render(): void {
    this.drawMarks();
    this.viewport.render();
  }

  private setIndex(i: number): void {
    const next = this.clampIndex(i);
    if (next === this.index && this.viewport.getCurrentImageIdIndex() === next) return;
    this.index = next;
    this.requestedAt = performance.now();
    this.drawMarks();
    this.onChange();
    void this.viewport.setImageIdIndex(next);
  }

  private clampIndex(i: number): number {
    return Math.max(0, Math.min(this.volume.sliceCount(this.plane) - 1, i));
  }

  private bindTools(): void {
    const group = ToolGroupManager.getToolGroup(toolGroupId);
    if (!group) return;
    const { Primary, Auxiliary, Secondary } = ToolEnums.MouseBindings;
    for (const name of Object.values(toolNames)) group.setToolPassive(name, { removeAllBindings: true });
    const bindings = new Map<string, { mouseButton: number }[]>([
      [PanTool.toolName, [{ mouseButton: Auxiliary }]],
      [ZoomTool.toolName, [{ mouseButton: Secondary }]],
    ]);
    if (this.currentTool !== "add") {
      const primary = toolNames[this.currentTool];
      bindings.set(primary, [...(bindings.get(primary) ?? []), { mouseButton: Primary }]);
    }
    for (const [name, b] of bindings) group.setToolActive(name, { bindings: b });
  }

  private addPointAt(e: PointerEvent): void {
    if (this.currentTool !== "add" || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const world = this.viewport.canvasToWorld([e.clientX - rect.left, e.clientY - rect.top]);
    this.onAddPoint([world[0], world[1], world[2]]);
  }

  /** Plane (col, row) of a voxel-space point, and its slice index along the plane's normal. */
  private toPlane(v: [number, number, number]): [number, number, number] {
    const nz = this.volume.nz;
    if (this.plane === "axial") return [v[0], v[1], v[2]];
    if (this.plane === "coronal") return [v[0], nz - 1 - v[2], v[1]];
    return [v[1], nz - 1 - v[2], v[0]];
  }

  private rendered(): void {
    this.shownOnce = true;
    const shown = this.viewport.getCurrentImageIdIndex();
    if (this.requestedAt !== null && shown === this.index) {
      this.renderTimesMs.push(performance.now() - this.requestedAt);
      this.requestedAt = null;
    }
    this.drawMarks();
    this.element.dataset.rendered = `${this.plane}/${shown}`;
    this.onChange();
    for (const resolve of this.renderWaiters.splice(0)) resolve();
  }

  private drawMarks(): void {
    if (!this.shownOnce) return;
    const g = planeGeometry(this.volume, this.plane, this.index);
    const children: SVGElement[] = [];
    // Selected mark last, so that it is on top.
    for (const m of [...this.marks].sort((a, b) => Number(a.selected) - Number(b.selected))) {
      const a = this.toPlane(m.min);
      const b = this.toPlane(m.max);
      if (this.index < Math.floor(Math.min(a[2], b[2])) || this.index > Math.ceil(Math.max(a[2], b[2]))) continue;
      const corners = [
        planeToWorld(g, Math.min(a[0], b[0]) - 0.5, Math.min(a[1], b[1]) - 0.5),
        planeToWorld(g, Math.max(a[0], b[0]) + 0.5, Math.max(a[1], b[1]) + 0.5),
      ].map((w) => this.viewport.worldToCanvas(w as Types.Point3));
      const x0 = Math.min(corners[0][0], corners[1][0]);
      const y0 = Math.min(corners[0][1], corners[1][1]);
      const x1 = Math.max(corners[0][0], corners[1][0]);
      const y1 = Math.max(corners[0][1], corners[1][1]);
      const rect = document.createElementNS(svgNs, "rect");
      rect.setAttribute("x", x0.toFixed(2));
      rect.setAttribute("y", y0.toFixed(2));
      rect.setAttribute("width", (x1 - x0).toFixed(2));
      rect.setAttribute("height", (y1 - y0).toFixed(2));
      rect.setAttribute("fill", "none");
      rect.setAttribute("stroke", m.selected ? "#00ffff" : m.color);
      rect.setAttribute("stroke-width", m.selected ? "2" : "1.5");
      rect.dataset.finding = String(m.id);
      const label = document.createElementNS(svgNs, "text");
      label.setAttribute("x", (x1 + 4).toFixed(2));
      label.setAttribute("y", (y0 + 10).toFixed(2));
      label.setAttribute("fill", "#ffd000");
      label.textContent = m.label;
      children.push(rect, label);
    }
    this.overlay.replaceChildren(...children);
  }
}
