import type { Plane, PlaneImage, VolumeStore } from "./volume";

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

export type MouseTool = "window" | "pan" | "zoom" | "ruler";

/** A ruler line in plane pixel coordinates of the plane it was drawn on. */
interface Ruler {
  plane: Plane;
  index: number;
  a: [number, number];
  b: [number, number];
}

/**
 * Draws one plane of the volume on a canvas with window/level, zoom and pan, and the nodule marks on it. At zoom 1 and
 * no pan the image is fitted to the canvas keeping its millimetre aspect ratio and centred: one plane pixel (col, row)
 * is at canvas ((W − w·pw·s)/2 + (col + 0.5)·pw·s, …) with s = min(W / (w·pw), H / (h·ph)) canvas pixels per mm.
 */
export class Viewer {
  plane: Plane = "axial";
  index = 0;
  wl: WindowLevel = { ...presets.lung };
  zoom = 1;
  panX = 0;
  panY = 0;
  tool: MouseTool = "window";
  marks: Mark[] = [];
  rulers: Ruler[] = [];
  onChange: () => void = () => {};
  onRuler: (lengthMm: number) => void = () => {};
  readonly renderTimesMs: number[] = [];

  private readonly ctx: CanvasRenderingContext2D;
  private readonly offscreen = document.createElement("canvas");
  private readonly offCtx: CanvasRenderingContext2D;
  private lut = new Uint32Array(65536);
  private lutKey = "";
  private imageData: ImageData | null = null;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly volume: VolumeStore) {
    this.ctx = canvas.getContext("2d")!;
    this.offCtx = this.offscreen.getContext("2d")!;
    this.index = Math.floor(volume.nz / 2);
    this.bindMouse();
  }

  setPlane(plane: Plane, voxel?: [number, number, number]): void {
    this.plane = plane;
    const center = voxel ?? [this.volume.nx / 2, this.volume.ny / 2, this.volume.nz / 2];
    this.index = this.clampIndex(Math.round(plane === "axial" ? center[2] : plane === "coronal" ? center[1] : center[0]));
    this.render();
  }

  goToVoxel(voxel: number[]): void {
    const i = this.plane === "axial" ? voxel[2] : this.plane === "coronal" ? voxel[1] : voxel[0];
    this.index = this.clampIndex(Math.round(i));
    this.render();
  }

  scroll(delta: number): void {
    const next = this.clampIndex(this.index + delta);
    if (next !== this.index) {
      this.index = next;
      this.render();
    }
  }

  resetView(): void {
    this.zoom = 1;
    this.panX = 0;
    this.panY = 0;
    this.render();
  }

  private clampIndex(i: number): number {
    return Math.max(0, Math.min(this.volume.sliceCount(this.plane) - 1, i));
  }

  /** Plane (col, row) of a voxel-space point, and its slice index along the plane's normal. */
  toPlane(v: [number, number, number]): [number, number, number] {
    const nz = this.volume.nz;
    if (this.plane === "axial") return [v[0], v[1], v[2]];
    if (this.plane === "coronal") return [v[0], nz - 1 - v[2], v[1]];
    return [v[1], nz - 1 - v[2], v[0]];
  }

  /** Canvas pixels per mm, and the canvas position of the image's top-left corner, for an image. */
  private layout(image: { width: number; height: number; pixelWidthMm: number; pixelHeightMm: number }) {
    const s = Math.min(this.canvas.width / (image.width * image.pixelWidthMm), this.canvas.height / (image.height * image.pixelHeightMm)) * this.zoom;
    const w = image.width * image.pixelWidthMm * s;
    const h = image.height * image.pixelHeightMm * s;
    return { s, ox: (this.canvas.width - w) / 2 + this.panX, oy: (this.canvas.height - h) / 2 + this.panY, w, h };
  }

  private planeSize(): { width: number; height: number; pixelWidthMm: number; pixelHeightMm: number } {
    const [sx, sy, sz] = this.volume.geometry.spacing;
    const { nx, ny, nz } = this.volume;
    if (this.plane === "axial") return { width: nx, height: ny, pixelWidthMm: sx, pixelHeightMm: sy };
    if (this.plane === "coronal") return { width: nx, height: nz, pixelWidthMm: sx, pixelHeightMm: sz };
    return { width: ny, height: nz, pixelWidthMm: sy, pixelHeightMm: sz };
  }

  private buildLut(): void {
    const key = `${this.wl.width}/${this.wl.center}`;
    if (key === this.lutKey) return;
    const low = this.wl.center - this.wl.width / 2;
    for (let i = 0; i < 65536; i++) {
      const g = Math.max(0, Math.min(255, Math.round(((i - 32768 - low) / this.wl.width) * 255)));
      this.lut[i] = 0xff000000 | (g << 16) | (g << 8) | g;
    }
    this.lutKey = key;
  }

  /** True when the current image could be drawn (its slices are loaded). */
  render(): boolean {
    const started = performance.now();
    const ctx = this.ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    const ready = this.plane === "axial" ? this.volume.hasSlice(this.index) : this.volume.complete;
    if (!ready) {
      ctx.fillStyle = "#93a1b0";
      ctx.font = "14px sans-serif";
      ctx.fillText(this.plane === "axial" ? "loading slice…" : "loading all slices for the reformat…", 16, 24);
      this.onChange();
      return false;
    }
    const image = this.volume.image(this.plane, this.index);
    this.drawImage(image);
    this.drawMarks();
    this.drawRulers();
    this.renderTimesMs.push(performance.now() - started);
    this.onChange();
    return true;
  }

  private drawImage(image: PlaneImage): void {
    this.buildLut();
    if (this.offscreen.width !== image.width || this.offscreen.height !== image.height || !this.imageData) {
      this.offscreen.width = image.width;
      this.offscreen.height = image.height;
      this.imageData = this.offCtx.createImageData(image.width, image.height);
    }
    const out = new Uint32Array(this.imageData.data.buffer);
    const px = image.pixels;
    const lut = this.lut;
    for (let i = 0; i < px.length; i++) out[i] = lut[px[i] + 32768];
    this.offCtx.putImageData(this.imageData, 0, 0);
    const { ox, oy, w, h } = this.layout(image);
    this.ctx.imageSmoothingEnabled = this.zoom > 1;
    this.ctx.drawImage(this.offscreen, ox, oy, w, h);
  }

  private planeToCanvas(col: number, row: number): [number, number] {
    const size = this.planeSize();
    const { s, ox, oy } = this.layout(size);
    return [ox + (col + 0.5) * size.pixelWidthMm * s, oy + (row + 0.5) * size.pixelHeightMm * s];
  }

  private canvasToPlane(x: number, y: number): [number, number] {
    const size = this.planeSize();
    const { s, ox, oy } = this.layout(size);
    return [(x - ox) / (size.pixelWidthMm * s) - 0.5, (y - oy) / (size.pixelHeightMm * s) - 0.5];
  }

  private drawMarks(): void {
    const ctx = this.ctx;
    // Selected mark last, so that it is on top.
    for (const m of [...this.marks].sort((a, b) => Number(a.selected) - Number(b.selected))) {
      const a = this.toPlane(m.min);
      const b = this.toPlane(m.max);
      const lo = Math.min(a[2], b[2]);
      const hi = Math.max(a[2], b[2]);
      if (this.index < Math.floor(lo) || this.index > Math.ceil(hi)) continue;
      const [x0, y0] = this.planeToCanvas(Math.min(a[0], b[0]) - 0.5, Math.min(a[1], b[1]) - 0.5);
      const [x1, y1] = this.planeToCanvas(Math.max(a[0], b[0]) + 0.5, Math.max(a[1], b[1]) + 0.5);
      ctx.strokeStyle = m.selected ? "#00ffff" : m.color;
      ctx.lineWidth = m.selected ? 2 : 1.5;
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
      ctx.font = "12px sans-serif";
      ctx.fillStyle = "#ffd000";
      ctx.fillText(m.label, x1 + 4, y0 + 10);
    }
  }

  private drawRulers(): void {
    const ctx = this.ctx;
    for (const r of this.rulers) {
      if (r.plane !== this.plane || r.index !== this.index) continue;
      const [ax, ay] = this.planeToCanvas(r.a[0], r.a[1]);
      const [bx, by] = this.planeToCanvas(r.b[0], r.b[1]);
      ctx.strokeStyle = "#ff8c00";
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(ax, ay);
      ctx.lineTo(bx, by);
      ctx.stroke();
      ctx.fillStyle = "#ff8c00";
      ctx.font = "12px sans-serif";
      ctx.fillText(`${this.rulerLength(r).toFixed(1)} mm`, bx + 6, by);
    }
  }

  private rulerLength(r: Ruler): number {
    const size = this.planeSize();
    return Math.hypot((r.b[0] - r.a[0]) * size.pixelWidthMm, (r.b[1] - r.a[1]) * size.pixelHeightMm);
  }

  private bindMouse(): void {
    const c = this.canvas;
    c.addEventListener("wheel", (e) => {
      e.preventDefault();
      if (e.ctrlKey) {
        this.zoom = Math.max(0.25, Math.min(16, this.zoom * (e.deltaY < 0 ? 1.15 : 1 / 1.15)));
        this.render();
      } else {
        this.scroll(e.deltaY > 0 ? 1 : -1);
      }
    }, { passive: false });
    c.addEventListener("contextmenu", (e) => e.preventDefault());
    c.addEventListener("pointerdown", (e) => {
      c.focus();
      c.setPointerCapture(e.pointerId);
      const tool: MouseTool = e.button === 1 ? "pan" : e.button === 2 ? "zoom" : this.tool;
      const rect = c.getBoundingClientRect();
      const start = { x: e.clientX, y: e.clientY, wl: { ...this.wl }, zoom: this.zoom, panX: this.panX, panY: this.panY };
      let ruler: Ruler | null = null;
      if (tool === "ruler") {
        const p = this.canvasToPlane(e.clientX - rect.left, e.clientY - rect.top);
        ruler = { plane: this.plane, index: this.index, a: p, b: p };
        this.rulers = [...this.rulers.filter((r) => r.plane !== this.plane || r.index !== this.index).slice(-1), ruler];
      }
      const move = (m: PointerEvent) => {
        const dx = m.clientX - start.x;
        const dy = m.clientY - start.y;
        if (tool === "window") this.wl = { width: Math.max(1, start.wl.width + dx * 4), center: start.wl.center + dy * 2 };
        else if (tool === "pan") [this.panX, this.panY] = [start.panX + dx, start.panY + dy];
        else if (tool === "zoom") this.zoom = Math.max(0.25, Math.min(16, start.zoom * Math.exp(-dy / 150)));
        else if (ruler) ruler.b = this.canvasToPlane(m.clientX - rect.left, m.clientY - rect.top);
        this.render();
      };
      const up = () => {
        c.removeEventListener("pointermove", move);
        c.removeEventListener("pointerup", up);
        if (ruler && this.rulerLength(ruler) > 0.5) this.onRuler(this.rulerLength(ruler));
      };
      c.addEventListener("pointermove", move);
      c.addEventListener("pointerup", up);
    });
  }
}
