/**
 * `directory_path` as iconik stores it: the trailing `/` stripped (TUT: sent
 * `"Test Content/MXF/AVCI_Card/CONTENTS/VIDEO/"`, got it back without the slash; notes §5 [C]).
 * A leading `/` is kept [I: not shown by any source].
 */
export function normaliseDirectoryPath(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
