// The float's reduction of bloc records into depth slices (README, "Slicing"). Bloc records arrive in time
// order in the firmware's record layout (records.ts); each finished slice is staged and dispatched to the
// encoders. A bloc's TAXO records come before its LPM record, so they wait in a pending accumulator until
// that LPM record says which slice the bloc belongs to.

import { floatAlloc } from "./arena";
import { Status } from "../status";
import {
  BLACK_CLASSES, KIND_BLACK, KIND_LPM, KIND_TAXO, LPM_CLASSES, PROC_AM, PROC_DW, PROC_RW, TAXO_MAX_CATEGORIES,
  isNavigationPhase,
} from "./constants";
import { zoneOf, zoneProcessing, zoneThicknessDbar, zoneTopDbar } from "./floatConfig";
import { clearSliceRecord, pressureCode, recCategory, stagingRecord, temperatureCode } from "./sliceRecord";
import { dispatchStaged, kindPending } from "./streams";

/** Bytes of the bloc staging area the host fills (the firmware's bloc record layout). */
export const BLOC_RECORD_BYTES: u32 = 128;
/** Where the host writes a bloc record before floatPushBloc. */
export const blocStaging: usize = floatAlloc(BLOC_RECORD_BYTES);

// The open LPM slice: sums over its blocs.
let sliceOpen = false;
let sliceZone: u32 = 0;
let sliceIndex: i64 = 0;
let sliceProcessing: u32 = 0;
let sliceBlocs: u32 = 0;
let sliceTime: u32 = 0;
let sliceImages: u64 = 0;
let slicePressureSum: f64 = 0;
let sliceTemperatureSum: f64 = 0;
const sliceCounts: usize = floatAlloc(LPM_CLASSES << 3);
const sliceGreyWeighted: usize = floatAlloc(LPM_CLASSES << 3);
// TAXO accumulators (the open slice's, and the next bloc's): images, then per class objects, volume and grey sums.
// Layout: u64 images, u64 TAXO bloc records (a slice has a TAXO record when this is not 0), then per class
// u64 objects, u64 volume sum, u64 grey sum.
const TAXO_ACC_BYTES: u32 = 16 + TAXO_MAX_CATEGORIES * 24;
const TAXO_CLASSES_AT: u32 = 16;
const sliceTaxo: usize = floatAlloc(TAXO_ACC_BYTES);
const pendingTaxo: usize = floatAlloc(TAXO_ACC_BYTES);
let currentPhase: u32 = 4;

/** Blocs dropped by decimated (DW) zones: every bloc of a slice after its first. */
export let blocsDecimated: u32 = 0;
/** Objects of BLACK classes 6-18 the float does not send (it keeps 5 classes). */
export let blackObjectsDropped: u64 = 0;
/** Slices lost because the previous slice of their kind still waited for a part to be released. */
export let slicesLost: u32 = 0;

/** Forgets the open slice, pending TAXO objects and counters: a new cycle. */
export function slicerReset(): void {
  sliceOpen = false;
  clearAcc(sliceTaxo);
  clearAcc(pendingTaxo);
  blocsDecimated = 0;
  blackObjectsDropped = 0;
  slicesLost = 0;
}

function clearAcc(acc: usize): void {
  for (let i: u32 = 0; i < TAXO_ACC_BYTES; i += 8) store<u64>(acc + i, 0);
}

// @ts-ignore: decorator
@inline function sliceOutputWaiting(): bool {
  return kindPending(KIND_LPM) || kindPending(KIND_TAXO);
}

/** The float's phase from now on (0..5); a change closes the open slice (PART_WAITING: drain parts, call again). */
export function setPhase(phase: u32): Status {
  if (phase > 5) return Status.FLOAT_PHASE;
  if (phase != currentPhase && sliceOutputWaiting()) return Status.PART_WAITING;
  const status = phase != currentPhase ? closeSlice() : Status.OK;
  currentPhase = phase;
  return status;
}

// @ts-ignore: decorator
@inline function firstProblem(a: Status, b: Status): Status {
  return a != Status.OK ? a : b;
}

/** Takes the bloc record in blocStaging (LPM, BLACK or TAXO) into the slicing. PART_WAITING: a part must be
 *  taken first; the bloc was not (or not wholly) taken, and the same bloc is pushed again after draining. */
export function pushBloc(): Status {
  const b = blocStaging;
  const kind = <u32>load<u8>(b, 0);
  const timeS = load<f64>(b, 8);
  const pressureDbar = load<f64>(b, 16);
  // Values the formats cannot carry (pressure and temperature as u16 codes) are refused here, not later.
  if (!(timeS >= 0 && timeS < 4294967296.0) || pressureCode(pressureDbar) < 0) return Status.BLOC_RECORD;
  if (kind == KIND_TAXO) return addTaxoBloc(b);
  if (kind != KIND_LPM && kind != KIND_BLACK) return Status.BLOC_RECORD;
  if (temperatureCode(load<f64>(b, 24)) < 0) return Status.BLOC_RECORD;
  if (kind == KIND_BLACK) return kindPending(KIND_BLACK) ? Status.PART_WAITING : sendBlack(b);
  // One call may close the open slice and send this bloc: two records of a kind. Each waits its turn.
  if (sliceOutputWaiting()) return Status.PART_WAITING;
  if (!isNavigationPhase(currentPhase)) {
    const closed = closeSlice();
    return sliceOutputWaiting() ? Status.PART_WAITING : firstProblem(closed, sendRawBloc(b, PROC_RW));
  }
  const zone = zoneOf(pressureDbar);
  const index = <i64>Math.floor((pressureDbar - zoneTopDbar(zone)) / zoneThicknessDbar(zone));
  const processing = zoneProcessing(zone);
  const sameSlice = sliceOpen && sliceZone == zone && sliceIndex == index && sliceProcessing == processing;
  if (processing == PROC_RW) {
    const closed = closeSlice();
    return sliceOutputWaiting() ? Status.PART_WAITING : firstProblem(closed, sendRawBloc(b, PROC_RW));
  }
  if (processing == PROC_DW) {
    if (sameSlice) {
      blocsDecimated++;
      clearAcc(pendingTaxo);
      return Status.OK;
    }
    const closed = closeSlice();
    if (sliceOutputWaiting()) return Status.PART_WAITING;
    sliceOpen = true;
    sliceZone = zone;
    sliceIndex = index;
    sliceProcessing = PROC_DW;
    return firstProblem(closed, sendRawBloc(b, PROC_DW));
  }
  let closed = Status.OK;
  if (!sameSlice) {
    closed = closeSlice();
    openSlice(zone, index, b);
  }
  addBloc(b);
  return closed;
}

/** Closes the open slice and sends pending TAXO objects (end of a cycle); PART_WAITING: drain, call again. */
export function flushSlices(): Status {
  if (sliceOutputWaiting()) return Status.PART_WAITING;
  const status = closeSlice();
  if (sliceOutputWaiting() && load<u64>(pendingTaxo, 8) != 0) return Status.PART_WAITING;
  if (load<u64>(pendingTaxo, 8) != 0) {
    // TAXO objects whose LPM bloc never came: sent alone with the last bloc's time and pressure.
    const s2 = sendTaxo(pendingTaxo, sliceTime, slicePressureSum / <f64>max<u32>(sliceBlocs, 1), PROC_RW);
    clearAcc(pendingTaxo);
    if (s2 != Status.OK) return s2;
  }
  return status;
}

function openSlice(zone: u32, index: i64, b: usize): void {
  sliceOpen = true;
  sliceZone = zone;
  sliceIndex = index;
  sliceProcessing = PROC_AM;
  sliceBlocs = 0;
  sliceTime = <u32>Math.floor(load<f64>(b, 8));
  sliceImages = 0;
  slicePressureSum = 0;
  sliceTemperatureSum = 0;
  for (let k: u32 = 0; k < LPM_CLASSES; k++) {
    store<u64>(sliceCounts + (k << 3), 0);
    store<u64>(sliceGreyWeighted + (k << 3), 0);
  }
  clearAcc(sliceTaxo);
}

function addBloc(b: usize): void {
  sliceBlocs++;
  sliceImages += <u64>load<u16>(b, 2);
  slicePressureSum += load<f64>(b, 16);
  sliceTemperatureSum += load<f64>(b, 24);
  for (let k: u32 = 0; k < LPM_CLASSES; k++) {
    const n = <u64>load<u32>(b + 32 + (k << 2));
    store<u64>(sliceCounts + (k << 3), load<u64>(sliceCounts + (k << 3)) + n);
    store<u64>(sliceGreyWeighted + (k << 3), load<u64>(sliceGreyWeighted + (k << 3)) + n * <u64>load<u8>(b + 104 + k));
  }
  mergeAcc(sliceTaxo, pendingTaxo);
  clearAcc(pendingTaxo);
}

function mergeAcc(into: usize, from: usize): void {
  for (let i: u32 = 0; i < TAXO_ACC_BYTES; i += 8) store<u64>(into + i, load<u64>(into + i) + load<u64>(from + i));
}

function closeSlice(): Status {
  if (!sliceOpen) return Status.OK;
  sliceOpen = false;
  if (sliceProcessing != PROC_AM) return Status.OK;
  if (kindPending(KIND_LPM)) {
    slicesLost++;
    return Status.SLICE_LOST;
  }
  const r = stagingRecord(KIND_LPM);
  clearSliceRecord(r, KIND_LPM);
  const pressureDbar = slicePressureSum / <f64>sliceBlocs;
  fillHeader(r, sliceTime, pressureDbar, PROC_AM);
  store<f64>(r, sliceTemperatureSum / <f64>sliceBlocs, 16);
  store<u32>(r, <u32>min<u64>(sliceImages, 0xffffffff), 24);
  for (let k: u32 = 0; k < LPM_CLASSES; k++) {
    const n = load<u64>(sliceCounts + (k << 3));
    store<f32>(r + 28 + (k << 2), <f32>n);
    // Count-weighted mean of the blocs' greys, rounded half up.
    store<u8>(r + 100 + k, n == 0 ? 0 : <u8>min<u64>((load<u64>(sliceGreyWeighted + (k << 3)) + (n >> 1)) / n, 255));
  }
  let status = dispatchStaged(KIND_LPM);
  if (load<u64>(sliceTaxo, 8) != 0) {
    const s2 = sendTaxo(sliceTaxo, sliceTime, pressureDbar, PROC_AM);
    if (status == Status.OK) status = s2;
  }
  clearAcc(sliceTaxo);
  return status;
}

function fillHeader(r: usize, timeS: u32, pressureDbar: f64, processing: u32): void {
  store<u8>(r, <u8>currentPhase, 1);
  store<u8>(r, <u8>(isNavigationPhase(currentPhase) ? processing : PROC_RW), 2);
  store<u32>(r, timeS, 4);
  store<f64>(r, pressureDbar, 8);
}

/** Sends one bloc as its own LPM record (RW or DW), with the TAXO objects pending for it. */
function sendRawBloc(b: usize, processing: u32): Status {
  if (kindPending(KIND_LPM)) {
    slicesLost++;
    clearAcc(pendingTaxo);
    return Status.SLICE_LOST;
  }
  const r = stagingRecord(KIND_LPM);
  clearSliceRecord(r, KIND_LPM);
  const timeS = <u32>Math.floor(load<f64>(b, 8));
  fillHeader(r, timeS, load<f64>(b, 16), processing);
  store<f64>(r, load<f64>(b, 24), 16);
  store<u32>(r, <u32>load<u16>(b, 2), 24);
  for (let k: u32 = 0; k < LPM_CLASSES; k++) {
    store<f32>(r + 28 + (k << 2), <f32>load<u32>(b + 32 + (k << 2)));
    store<u8>(r + 100 + k, load<u8>(b + 104 + k));
  }
  let status = dispatchStaged(KIND_LPM);
  if (load<u64>(pendingTaxo, 8) != 0) {
    const s2 = sendTaxo(pendingTaxo, timeS, load<f64>(b, 16), processing);
    if (status == Status.OK) status = s2;
  }
  clearAcc(pendingTaxo);
  sliceTime = timeS;
  slicePressureSum = load<f64>(b, 16);
  sliceBlocs = 1;
  return status;
}

function sendBlack(b: usize): Status {
  for (let k = BLACK_CLASSES; k < LPM_CLASSES; k++) blackObjectsDropped += <u64>load<u32>(b + 32 + (k << 2));
  if (kindPending(KIND_BLACK)) {
    slicesLost++;
    return Status.SLICE_LOST;
  }
  const r = stagingRecord(KIND_BLACK);
  clearSliceRecord(r, KIND_BLACK);
  fillHeader(r, <u32>Math.floor(load<f64>(b, 8)), load<f64>(b, 16), PROC_RW);
  store<f64>(r, load<f64>(b, 24), 16);
  store<u32>(r, <u32>load<u16>(b, 2), 24);
  for (let k: u32 = 0; k < BLACK_CLASSES; k++) store<f32>(r + 28 + (k << 2), <f32>load<u32>(b + 32 + (k << 2)));
  return dispatchStaged(KIND_BLACK);
}

function addTaxoBloc(b: usize): Status {
  const n = <u32>load<u16>(b, 2);
  if (n > (BLOC_RECORD_BYTES - 28) >> 2) return Status.BLOC_RECORD;
  for (let i: u32 = 0; i < n; i++) if (<u32>load<u8>(b + 28 + (i << 2)) >= TAXO_MAX_CATEGORIES) return Status.BLOC_RECORD;
  store<u64>(pendingTaxo, load<u64>(pendingTaxo) + <u64>load<u32>(b, 24));
  store<u64>(pendingTaxo, load<u64>(pendingTaxo, 8) + 1, 8);
  for (let i: u32 = 0; i < n; i++) {
    const t = b + 28 + (i << 2);
    const c = pendingTaxo + TAXO_CLASSES_AT + <usize>load<u8>(t) * 24;
    store<u64>(c, load<u64>(c) + 1);
    store<u64>(c, load<u64>(c, 8) + <u64>load<u16>(t, 2), 8);
    store<u64>(c, load<u64>(c, 16) + <u64>load<u8>(t, 1), 16);
  }
  return Status.OK;
}

/** Stages and sends the TAXO record of accumulator `acc`: categories in class order, only those with objects. */
function sendTaxo(acc: usize, timeS: u32, pressureDbar: f64, processing: u32): Status {
  if (kindPending(KIND_TAXO)) {
    slicesLost++;
    return Status.SLICE_LOST;
  }
  const r = stagingRecord(KIND_TAXO);
  clearSliceRecord(r, KIND_TAXO);
  fillHeader(r, timeS, pressureDbar, processing);
  store<u32>(r, <u32>min<u64>(load<u64>(acc), 0xffffffff), 24);
  let n: u32 = 0;
  for (let k: u32 = 0; k < TAXO_MAX_CATEGORIES; k++) {
    const a = acc + TAXO_CLASSES_AT + k * 24;
    const objects = load<u64>(a);
    if (objects == 0) continue;
    const c = recCategory(r, n);
    store<u8>(c, <u8>k, 0);
    store<u8>(c, <u8>min<u64>((load<u64>(a, 16) + (objects >> 1)) / objects, 255), 1);
    store<u32>(c, <u32>min<u64>(objects, 0xffffffff), 4);
    store<f32>(c, <f32>(<f64>load<u64>(a, 8) / <f64>objects), 8);
    n++;
  }
  store<u8>(r, <u8>n, 3);
  return dispatchStaged(KIND_TAXO);
}

