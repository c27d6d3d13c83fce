import { imageLoader, metaData, utilities } from "@cornerstonejs/core";
import type { Types } from "@cornerstonejs/core";
import type { Plane, VolumeStore } from "./volume";

/** The image-id scheme of our loader: nodulescope:{open}/{plane}/{index}, no patient data, no study id. */
export const scheme = "nodulescope";

/** Where one plane image lies in DICOM patient space (LPS mm): its first pixel's centre and axes. */
export interface PlaneGeometry {
  rows: number;
  columns: number;
  /** Centre of pixel (column 0, row 0). */
  position: [number, number, number];
  /** Direction of increasing column (along a row) and of increasing row (down a column). */
  rowCosines: [number, number, number];
  columnCosines: [number, number, number];
  columnSpacing: number;
  rowSpacing: number;
}

interface Source {
  open: number;
  volume: VolumeStore;
}

let current: Source | null = null;
let opens = 0;

export function imageIdOf(open: number, plane: Plane, index: number): string {
  return `${scheme}:${open}/${plane}/${index}`;
}

function parse(imageId: string): { open: number; plane: Plane; index: number } | null {
  const m = /^nodulescope:(\d+)\/(axial|coronal|sagittal)\/(\d+)$/.exec(imageId);
  return m ? { open: Number(m[1]), plane: m[2] as Plane, index: Number(m[3]) } : null;
}

/** Points the loader and metadata provider at a newly opened study; returns the number that keys its image ids. */
export function useVolume(volume: VolumeStore): number {
  current = { open: ++opens, volume };
  return current.open;
}

const add = (a: number[], b: number[], f: number): [number, number, number] => [a[0] + b[0] * f, a[1] + b[1] * f, a[2] + b[2] * f];

/**
 * The geometry of a plane image of the volume. Reformat rows run from the highest slice index (head) down, as the
 * VolumeStore cuts them, so their column direction is −z of the volume.
 */
export function planeGeometry(volume: VolumeStore, plane: Plane, index: number): PlaneGeometry {
  const { origin, spacing, direction } = volume.geometry;
  const dx = direction.slice(0, 3) as [number, number, number];
  const dy = direction.slice(3, 6) as [number, number, number];
  const dz = direction.slice(6, 9) as [number, number, number];
  const down: [number, number, number] = [-dz[0], -dz[1], -dz[2]];
  const top = add(origin, dz, (volume.nz - 1) * spacing[2]);
  if (plane === "axial") {
    return { rows: volume.ny, columns: volume.nx, position: add(origin, dz, index * spacing[2]), rowCosines: dx, columnCosines: dy, columnSpacing: spacing[0], rowSpacing: spacing[1] };
  }
  if (plane === "coronal") {
    return { rows: volume.nz, columns: volume.nx, position: add(top, dy, index * spacing[1]), rowCosines: dx, columnCosines: down, columnSpacing: spacing[0], rowSpacing: spacing[2] };
  }
  return { rows: volume.nz, columns: volume.ny, position: add(top, dx, index * spacing[0]), rowCosines: dy, columnCosines: down, columnSpacing: spacing[1], rowSpacing: spacing[2] };
}

/** World (LPS mm) position of a plane pixel position (column, row; pixel centres at integers). */
export function planeToWorld(g: PlaneGeometry, column: number, row: number): [number, number, number] {
  return add(add(g.position, g.rowCosines, column * g.columnSpacing), g.columnCosines, row * g.rowSpacing);
}

function geometryOf(imageId: string): PlaneGeometry | null {
  const id = parse(imageId);
  if (!id || !current || id.open !== current.open) return null;
  return planeGeometry(current.volume, id.plane, id.index);
}

/** Cornerstone metadata for our image ids, computed from the study's grid (no DICOM in the browser). */
function provider(type: string, imageId: string): unknown {
  if (!imageId.startsWith(`${scheme}:`)) return undefined;
  const g = geometryOf(imageId);
  if (!g) return undefined;
  switch (type) {
    case "imagePlaneModule":
      return {
        frameOfReferenceUID: `${scheme}-frame-${current!.open}`,
        rows: g.rows,
        columns: g.columns,
        imageOrientationPatient: [...g.rowCosines, ...g.columnCosines],
        rowCosines: g.rowCosines,
        columnCosines: g.columnCosines,
        imagePositionPatient: g.position,
        pixelSpacing: [g.rowSpacing, g.columnSpacing],
        rowPixelSpacing: g.rowSpacing,
        columnPixelSpacing: g.columnSpacing,
        sliceThickness: g.rowSpacing,
        usingDefaultValues: false,
      };
    case "imagePixelModule":
      return { samplesPerPixel: 1, photometricInterpretation: "MONOCHROME2", rows: g.rows, columns: g.columns, bitsAllocated: 16, bitsStored: 16, highBit: 15, pixelRepresentation: 1 };
    case "generalSeriesModule":
      return { modality: "CT" };
    case "modalityLutModule":
      return { rescaleSlope: 1, rescaleIntercept: 0, rescaleType: "HU" };
    case "voiLutModule":
      return { windowCenter: [-600], windowWidth: [1500] };
    default:
      return undefined;
  }
}

/** Int16 Hounsfield pixels of one plane image, waiting for the slices it needs. */
async function load(imageId: string): Promise<Types.IImage> {
  const id = parse(imageId);
  if (!id || !current || id.open !== current.open) throw new Error(`unknown image ${imageId}`);
  const volume = current.volume;
  if (id.plane === "axial") await volume.load(id.index);
  else await volume.whenComplete();
  const g = planeGeometry(volume, id.plane, id.index);
  const pixels = volume.image(id.plane, id.index).pixels;
  let min = 32767;
  let max = -32768;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({ width: g.columns, height: g.rows, scalarData: pixels, numberOfComponents: 1, id: imageId });
  const image = {
    imageId,
    intercept: 0,
    slope: 1,
    windowCenter: -600,
    windowWidth: 1500,
    voiLUTFunction: undefined,
    minPixelValue: min,
    maxPixelValue: max,
    rows: g.rows,
    columns: g.columns,
    height: g.rows,
    width: g.columns,
    color: false,
    rgba: false,
    numberOfComponents: 1,
    columnPixelSpacing: g.columnSpacing,
    rowPixelSpacing: g.rowSpacing,
    invert: false,
    photometricInterpretation: "MONOCHROME2",
    sizeInBytes: pixels.byteLength,
    getPixelData: () => pixels,
    getCanvas: undefined,
    dataType: "Int16Array",
    voxelManager,
    FrameOfReferenceUID: `${scheme}-frame-${id.open}`,
  };
  return image as unknown as Types.IImage;
}

let registered = false;

/** Registers the 'nodulescope' image loader and its metadata provider with Cornerstone (once). */
export function registerImageSource(): void {
  if (registered) return;
  imageLoader.registerImageLoader(scheme, (imageId: string) => ({ promise: load(imageId) }));
  metaData.addProvider(provider, 10000);
  registered = true;
}
