import { createRequire as __tsbuildCreateRequire } from 'node:module'; const require = __tsbuildCreateRequire(import.meta.url);
import {
  apparentSize,
  diskUsage,
  matchesFilter,
  storeInventory
} from "./chunk-NI4QZC3B.js";
import "./chunk-S6LUH6ZY.js";
import "./chunk-55ADNU2D.js";
export {
  apparentSize,
  diskUsage,
  matchesFilter,
  storeInventory
};
