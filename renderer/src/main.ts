import 'leaflet/dist/leaflet.css';
import { mount } from 'svelte';

import App from './App.svelte';
import './app.css';
import { loadWorldShapes } from './map/geometry';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The country shapes take longest to load of all the first map needs: start
// loading them before mounting, so that fetching and compiling the chunk overlaps
// the start of the app.
loadWorldShapes().catch(() => {
  // AtlasMap calls it again and reports the failure on the error banner.
});

export default mount(App, { target });
