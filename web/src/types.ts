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

/** One nodule across the prior and the current exam (comparison.json, docs/comparison.md). */
export interface ComparisonPair {
  index: number;
  status: string;
  /** automatic, user, refoundOnPrior, refoundOnCurrent, unpaired. */
  method: string;
  confidence: number;
  distanceMm: number | null;
  priorFindingId: number | null;
  currentFindingId: number | null;
  priorMeanDiameterMm: number | null;
  currentMeanDiameterMm: number | null;
  priorType: string | null;
  volumeDoublingTimeDays: number | null;
}

/** A pairing the reviewer forces (pairs.json): both ids pair them, a null side leaves the other nodule unpaired. */
export interface PairOverride {
  prior: number | null;
  current: number | null;
}

export interface Comparison {
  priorStudyDate: string;
  currentStudyDate: string;
  intervalDays: number;
  lungRadsCategory: string;
  /** The host can apply pairings (the service); the local host shows them only. */
  canOverride: boolean;
  pairs: ComparisonPair[];
  overrides: PairOverride[] | null;
}

export interface StudyDetail {
  id: string;
  status: string;
  volume: VolumeGeometry;
  findings: Finding[];
  decisions: Decision[];
  comparison: Comparison | null;
}
