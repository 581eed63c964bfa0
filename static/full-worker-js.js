// The full worker, JavaScript build: the training worker with tables, the user's images and model files.
importScripts('js/full-worker.js');
main([]);
