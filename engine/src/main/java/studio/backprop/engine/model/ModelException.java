package studio.backprop.engine.model;

/** A model file or link that cannot be read, with a message fit to show to the user. */
public final class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }
}
