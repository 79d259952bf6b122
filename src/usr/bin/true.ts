// true: do nothing, successfully.
export default function main(): number {
  return 0;
}
