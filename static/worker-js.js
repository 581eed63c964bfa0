// The training worker, JavaScript build.
importScripts('js/worker.js');
main([]);
