/** The knight's task screen (locale-less path; wrap with localeHref). */
export function knightTaskPath(assignmentId: string): string {
  return `/knight/tasks/${encodeURIComponent(assignmentId)}`;
}
