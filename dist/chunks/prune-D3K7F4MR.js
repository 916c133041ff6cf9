#!/usr/bin/env node
import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  prune
} from "./chunk-6PALWF7W.js";
import "./chunk-CRUVJFXS.js";
import "./chunk-TAK4JOTU.js";
import "./chunk-JXP7HYT6.js";
export {
  prune
};
