// The character-device core, as Linux's fs/char_dev.c splits it: two registries.
//
// 1. Device-number regions (struct char_device_struct): who owns which (major, minor range),
//    with a name for /proc/devices. register_chrdev_region takes a fixed range,
//    alloc_chrdev_region hands out a dynamic major (254 downwards to 234, then 511 downwards
//    to 384), unregister_chrdev_region gives a range back.
// 2. cdev objects: a driver's file operations bound to a range of device numbers (cdev_add).
//    Opening a character special file looks its rdev up here (chrdev_open) and the open file
//    takes the cdev's operations; the VFS pins fops.owner and calls fops.open.
//
// register_chrdev / __register_chrdev do both at once, the old all-in-one interface.
// The functions with Linux's names return 0 or a negative errno, as drivers expect.
import type { FileOperations } from "./file.js";
import type { Inode } from "./inode.js";
import type { Task } from "../kernel/task.js";
import { specialOpeners } from "./open.js";
import { MKDEV, MAJOR, MINOR, MINORMASK } from "../include/uapi/stat.js";
import { EBUSY, EINVAL } from "../include/uapi/errno.js";

export const CHRDEV_MAJOR_MAX = 512;
export const CHRDEV_MAJOR_DYN_END = 234;
export const CHRDEV_MAJOR_DYN_EXT_START = 511;
export const CHRDEV_MAJOR_DYN_EXT_END = 384;

interface Region {
  major: number;
  baseminor: number;
  minorct: number;
  name: string;
  cdev: Cdev | null;
}

/** Regions, kept sorted by (major, baseminor): the order /proc/devices prints them in. */
const regions: Region[] = [];

type Owner = FileOperations["owner"];

/** struct cdev: a driver's operations for a range of device numbers. */
export class Cdev {
  ops: FileOperations | null = null;
  owner: Owner = null;
  dev = 0;
  count = 0;
  /** The kobject's name (register_chrdev names it after the driver). */
  name = "";
  added = false;
}

/** cdevs in the map, newest first (a newer registration of a number wins, as kobj_map's probes). */
const cdevMap: Cdev[] = [];

function overlaps(r: Region, major: number, baseminor: number, minorct: number): boolean {
  return r.major === major && r.baseminor < baseminor + minorct && baseminor < r.baseminor + r.minorct;
}

function majorFree(major: number): boolean {
  return !regions.some((r) => r.major === major);
}

function findDynamicMajor(): number {
  for (let m = 254; m >= CHRDEV_MAJOR_DYN_END; m--) if (majorFree(m)) return m;
  for (let m = CHRDEV_MAJOR_DYN_EXT_START; m >= CHRDEV_MAJOR_DYN_EXT_END; m--) if (majorFree(m)) return m;
  return -EBUSY;
}

/** __register_chrdev_region: major 0 asks for a dynamic one. Returns the region or -errno. */
function registerRegion(major: number, baseminor: number, minorct: number, name: string): Region | number {
  if (major >= CHRDEV_MAJOR_MAX || major < 0) return -EINVAL;
  if (minorct <= 0 || baseminor < 0 || minorct > MINORMASK + 1 - baseminor) return -EINVAL;
  if (major === 0) {
    const m = findDynamicMajor();
    if (m < 0) return m;
    major = m;
  }
  if (regions.some((r) => overlaps(r, major, baseminor, minorct))) return -EBUSY;
  const region: Region = { major, baseminor, minorct, name: name.slice(0, 63), cdev: null };
  let i = regions.findIndex((r) => r.major > major || (r.major === major && r.baseminor > baseminor));
  if (i < 0) i = regions.length;
  regions.splice(i, 0, region);
  return region;
}

function unregisterRegion(major: number, baseminor: number, minorct: number): Region | null {
  const i = regions.findIndex((r) => r.major === major && r.baseminor === baseminor && r.minorct === minorct);
  if (i < 0) return null;
  return regions.splice(i, 1)[0];
}

/** The ranges [from, from+count) crosses, one per major. */
function splitByMajor(from: number, count: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  const to = from + count;
  for (let n = from; n < to;) {
    const next = Math.min(MKDEV(MAJOR(n) + 1, 0), to);
    out.push([MAJOR(n), MINOR(n), next - n]);
    n = next;
  }
  return out;
}

/** register_chrdev_region: claim the device numbers [from, from+count). 0 or -errno. */
export function register_chrdev_region(from: number, count: number, name: string): number {
  if (count <= 0) return -EINVAL;
  const done: [number, number, number][] = [];
  for (const [major, minor, n] of splitByMajor(from, count)) {
    const r = registerRegion(major, minor, n, name);
    if (typeof r === "number") {
      for (const [a, b, c] of done) unregisterRegion(a, b, c);
      return r;
    }
    done.push([major, minor, n]);
  }
  return 0;
}

/** alloc_chrdev_region: a dynamic major with minors [baseminor, baseminor+count). The first device number, or -errno. */
export function alloc_chrdev_region(baseminor: number, count: number, name: string): number {
  const r = registerRegion(0, baseminor, count, name);
  if (typeof r === "number") return r;
  return MKDEV(r.major, r.baseminor);
}

/** unregister_chrdev_region: give back [from, from+count). */
export function unregister_chrdev_region(from: number, count: number): void {
  for (const [major, minor, n] of splitByMajor(from, count)) unregisterRegion(major, minor, n);
}

/** cdev_init: bind ops to a cdev (the caller sets owner). */
export function cdev_init(cdev: Cdev, fops: FileOperations): void {
  cdev.ops = fops;
  cdev.owner = fops.owner ?? null;
}

/** cdev_alloc: a new, empty cdev. */
export function cdev_alloc(): Cdev {
  return new Cdev();
}

/** cdev_add: make the cdev live for [dev, dev+count); opens of those numbers reach it now. */
export function cdev_add(cdev: Cdev, dev: number, count: number): number {
  if (count <= 0) return -EINVAL;
  cdev.dev = dev;
  cdev.count = count;
  cdev.added = true;
  cdevMap.unshift(cdev);
  return 0;
}

/** cdev_del: remove the cdev; files already open keep their operations. */
export function cdev_del(cdev: Cdev): void {
  const i = cdevMap.indexOf(cdev);
  if (i >= 0) cdevMap.splice(i, 1);
  cdev.added = false;
}

/** __register_chrdev: a region and a cdev at once; major 0 is dynamic. Returns the major (dynamic) or 0, or -errno. */
export function __register_chrdev(major: number, baseminor: number, count: number, name: string, fops: FileOperations): number {
  const r = registerRegion(major, baseminor, count, name);
  if (typeof r === "number") return r;
  const cdev = cdev_alloc();
  cdev.owner = fops.owner ?? null;
  cdev.ops = fops;
  cdev.name = name.replace(/\//g, "!");
  const err = cdev_add(cdev, MKDEV(r.major, baseminor), count);
  if (err < 0) {
    unregisterRegion(r.major, baseminor, count);
    return err;
  }
  r.cdev = cdev;
  return major === 0 ? r.major : 0;
}

/** register_chrdev: minors 0..255 of major (0: dynamic). */
export function register_chrdev(major: number, name: string, fops: FileOperations): number {
  return __register_chrdev(major, 0, 256, name, fops);
}

/** __unregister_chrdev: undo __register_chrdev. */
export function __unregister_chrdev(major: number, baseminor: number, count: number, _name: string): void {
  const r = unregisterRegion(major, baseminor, count);
  if (r?.cdev) cdev_del(r.cdev);
}

/** unregister_chrdev: undo register_chrdev. */
export function unregister_chrdev(major: number, name: string): void {
  __unregister_chrdev(major, 0, 256, name);
}

/** The live cdev serving dev, if any (kobj_lookup). */
export function cdevLookup(dev: number): Cdev | null {
  for (const c of cdevMap) if (dev >= c.dev && dev < c.dev + c.count) return c;
  return null;
}

/**
 * Asked before an open of a number nobody serves gives up with ENXIO: the module subsystem
 * (kernel/module/kmod.ts) sets it to request the "char-major-M-m" (then "char-major-M") alias,
 * as base_probe does; the opening task waits for modprobe.
 */
export const chrdevMissingHook: { fn: ((dev: number, t?: Task) => void | Promise<void>) | null } = { fn: null };

/** chrdev_open: the operations of the driver behind inode.rdev, or null (ENXIO). */
export async function chrdevOpen(inode: Inode, t?: Task): Promise<FileOperations | null> {
  let cdev = cdevLookup(inode.rdev);
  if (!cdev && chrdevMissingHook.fn) {
    await chrdevMissingHook.fn(inode.rdev, t);
    cdev = cdevLookup(inode.rdev);
  }
  return cdev?.ops ?? null;
}

/** The region lines of /proc/devices: [major, name], sorted by major. */
export function chrdevRegions(): { major: number; baseminor: number; minorct: number; name: string }[] {
  return regions.map((r) => ({ major: r.major, baseminor: r.baseminor, minorct: r.minorct, name: r.name }));
}

/**
 * /proc/devices:
 *   "Character devices:\n" then "%3d %s\n" per region, sorted by major,
 *   "\nBlock devices:\n" then the block majors (Typix has none).
 */
export function procDevicesShow(): string {
  let s = "Character devices:\n";
  for (const r of regions) s += `${String(r.major).padStart(3)} ${r.name}\n`;
  return s + "\nBlock devices:\n";
}

specialOpeners.chrdev = chrdevOpen;
