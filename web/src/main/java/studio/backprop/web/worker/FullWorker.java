package studio.backprop.web.worker;

import studio.backprop.web.worker.files.FileWork;

/**
 * The full worker's entry point: the training worker ({@link WorkerMain}) with the files' part
 * ({@link FileWork}). The page loads it when it first needs a table, the user's images or a
 * model file; from then on it is the page's training worker.
 */
public final class FullWorker {
    private FullWorker() {}

    public static void main(String[] args) {
        WorkerMain.run(worker -> new FileWork(worker::start, worker::whenLoaded));
    }
}
