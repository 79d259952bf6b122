// false: do nothing, unsuccessfully.
export default function main(): number {
  return 1;
}
