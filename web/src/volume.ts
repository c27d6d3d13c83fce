import { api } from "./api";
import type { VolumeGeometry } from "./types";

export type Plane = "axial" | "coronal" | "sagittal";

/** A 2-D image cut from the volume: pixels row by row and the size of one pixel in mm. */
export interface PlaneImage {
  width: number;
  height: number;
  pixelWidthMm: number;
  pixelHeightMm: number;
  pixels: Int16Array;
}

/**
 * The CT volume in the browser: axial slices fetched from the host (the requested one first, then the others from
 * near to far), and coronal/sagittal reformats cut from them once every slice is there. Rows of reformats run from
 * the highest slice index (head) down.
 */
export class VolumeStore {
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  private readonly voxels: Int16Array;
  private readonly loaded: Uint8Array;
  private loadedCount = 0;
  private readonly waiting = new Map<number, Promise<void>>();
  onProgress: (loaded: number, total: number) => void = () => {};
  private completeWaiters: (() => void)[] = [];

  constructor(private readonly studyId: string, readonly geometry: VolumeGeometry) {
    [this.nx, this.ny, this.nz] = geometry.size;
    this.voxels = new Int16Array(this.nx * this.ny * this.nz);
    this.loaded = new Uint8Array(this.nz);
  }

  get complete(): boolean {
    return this.loadedCount === this.nz;
  }

  /** Resolves once every slice is there (the reformats need them all). */
  whenComplete(): Promise<void> {
    return this.complete ? Promise.resolve() : new Promise((resolve) => this.completeWaiters.push(resolve));
  }

  hasSlice(z: number): boolean {
    return this.loaded[z] === 1;
  }

  load(z: number): Promise<void> {
    if (this.loaded[z]) return Promise.resolve();
    let pending = this.waiting.get(z);
    if (!pending) {
      pending = api.slice(this.studyId, z).then((data) => {
        if (data.length !== this.nx * this.ny) throw new Error(`slice ${z} has ${data.length} voxels`);
        this.voxels.set(data, z * this.nx * this.ny);
        this.loaded[z] = 1;
        this.loadedCount++;
        this.waiting.delete(z);
        this.onProgress(this.loadedCount, this.nz);
        if (this.complete) for (const resolve of this.completeWaiters.splice(0)) resolve();
      });
      this.waiting.set(z, pending);
    }
    return pending;
  }

  /** Fetches every slice, nearest to <paramref name="from"/> first, a few at a time. */
  async prefetch(from: number, parallel = 6): Promise<void> {
    const order: number[] = [];
    for (let d = 0; d < this.nz; d++) {
      if (from + d < this.nz) order.push(from + d);
      if (d > 0 && from - d >= 0) order.push(from - d);
    }
    let next = 0;
    const worker = async () => {
      while (next < order.length) {
        const z = order[next++];
        await this.load(z);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  }

  sliceCount(plane: Plane): number {
    return plane === "axial" ? this.nz : plane === "coronal" ? this.ny : this.nx;
  }

  image(plane: Plane, index: number): PlaneImage {
    const [sx, sy, sz] = this.geometry.spacing;
    const { nx, ny, nz } = this;
    if (plane === "axial") {
      return { width: nx, height: ny, pixelWidthMm: sx, pixelHeightMm: sy, pixels: this.voxels.subarray(index * nx * ny, (index + 1) * nx * ny) };
    }
    if (plane === "coronal") {
      const pixels = new Int16Array(nx * nz);
      for (let r = 0; r < nz; r++) {
        const z = nz - 1 - r;
        pixels.set(this.voxels.subarray(z * nx * ny + index * nx, z * nx * ny + (index + 1) * nx), r * nx);
      }
      return { width: nx, height: nz, pixelWidthMm: sx, pixelHeightMm: sz, pixels };
    }
    const pixels = new Int16Array(ny * nz);
    for (let r = 0; r < nz; r++) {
      const z = nz - 1 - r;
      for (let y = 0; y < ny; y++) pixels[r * ny + y] = this.voxels[z * nx * ny + y * nx + index];
    }
    return { width: ny, height: nz, pixelWidthMm: sy, pixelHeightMm: sz, pixels };
  }

  /** Continuous voxel index (x, y, z) of a world (LPS mm) point; direction cosines are orthonormal. */
  worldToVoxel(world: number[]): [number, number, number] {
    const { origin, spacing, direction } = this.geometry;
    const d = [world[0] - origin[0], world[1] - origin[1], world[2] - origin[2]];
    const out: [number, number, number] = [0, 0, 0];
    for (let a = 0; a < 3; a++) {
      out[a] = (d[0] * direction[a * 3] + d[1] * direction[a * 3 + 1] + d[2] * direction[a * 3 + 2]) / spacing[a];
    }
    return out;
  }
}
