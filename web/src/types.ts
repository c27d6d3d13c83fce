// The REST contract of docs/review-api.md, as the page uses it.

export interface StudySummary {
  id: string;
  label: string;
  status: string;
  findingCount: number;
  highestLungRads: string | null;
  slices: number;
}

export interface VolumeGeometry {
  size: [number, number, number];
  spacing: [number, number, number];
  origin: [number, number, number];
  direction: number[];
}

export interface Characterization {
  type: string;
  lobe?: string | null;
  brockProbability?: number | null;
  lungRadsCategory?: string | null;
  lungRadsManagement?: string | null;
}

export interface Finding {
  id: number;
  probability: number;
  centerWorld: number[];
  centerVoxel: number[];
  boundsMinWorld: number[];
  boundsMaxWorld: number[];
  longAxisMm: number;
  shortAxisMm: number;
  meanDiameterMm: number;
  volumeMm3: number;
  characterization?: Characterization | null;
}

export interface Decision {
  findingId: number;
  status: "accept" | "reject" | null;
  user: string | null;
  time: string | null;
  longAxisMm: number | null;
  shortAxisMm: number | null;
  /** The reviewer added this finding (a missed nodule). */
  added: boolean;
}

export interface StudyDetail {
  id: string;
  status: string;
  volume: VolumeGeometry;
  findings: Finding[];
  decisions: Decision[];
}
