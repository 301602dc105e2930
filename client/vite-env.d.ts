/** Vite's client types: CSS imports and import.meta.env for the browser bundle. */
/// <reference types="vite/client" />
