// Types for `astro check` of the portal's .astro files (tsc checks the .ts modules on its own).
/// <reference types="astro/client" />

// Served by framePlugin (render/frame.ts) as PortalFrame or StarlightFrame.
declare module "virtual:plan-portal/frame" {
  import type { FrameProps } from "./frame.ts";
  const Frame: (props: FrameProps) => unknown;
  export default Frame;
}
