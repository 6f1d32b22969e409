import { createContext } from 'svelte';

import type { AtlasState } from './atlas.svelte';
import type { ErrorState } from './errors.svelte';
import type { FilesState } from './files.svelte';
import type { RecordsState } from './records.svelte';

/** The app's shared state, set once by App.svelte. */
export const [getAtlas, setAtlas] = createContext<AtlasState>();

/** The error banner's state, set once by App.svelte. */
export const [getErrors, setErrors] = createContext<ErrorState>();

/** The author name and the record dialogs, set once by App.svelte. */
export const [getRecords, setRecords] = createContext<RecordsState>();

/** The open export, import or restore dialog, set once by App.svelte. */
export const [getFiles, setFiles] = createContext<FilesState>();
