/** How Cornerstone3D draws the stacks: its WebGL path or its CPU (canvas 2D) path. */
export type Renderer = "webgl" | "cpu";

/** localStorage key that forces a renderer ("webgl" or "cpu"), for comparing the two on one machine. */
export const rendererOverrideKey = "nodulescope.review.renderer";

/**
 * WebGL when the browser has a hardware one; the CPU path when it has none or only a software rasteriser
 * (SwiftShader, llvmpipe: what headless Chromium and GPU-less VMs give), where it measured faster for 2-D slices
 * (docs/benchmarks.md). Cornerstone's own check only asks whether WebGL exists.
 */
export function chooseRenderer(): Renderer {
  const forced = localStorage.getItem(rendererOverrideKey);
  if (forced === "webgl" || forced === "cpu") return forced;
  const gl = document.createElement("canvas").getContext("webgl2") ?? document.createElement("canvas").getContext("webgl");
  if (!gl) return "cpu";
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return /swiftshader|llvmpipe|softpipe|software/i.test(name) ? "cpu" : "webgl";
}
