/** The dialogs that export, import and restore files. */
export type FileDialog = 'export' | 'import' | 'restore';

/** The state of the file dialogs, which the header's Data menu opens. */
export class FilesState {
  dialog = $state<FileDialog | null>(null);

  open(dialog: FileDialog): void {
    this.dialog = dialog;
  }

  close(): void {
    this.dialog = null;
  }
}
