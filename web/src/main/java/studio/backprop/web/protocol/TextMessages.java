package studio.backprop.web.protocol;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float64Array;

/**
 * A text run's messages (the rest of {@link ToWorker} and {@link FromWorker}, dispatched with
 * them): the page says how to make text up (text-view), the worker answers with what the model
 * makes up now (text-sample), at once and after each snapshot while it trains.
 */
public final class TextMessages {
    private TextMessages() {}

    /**
     * How to make text up: after start (the Try it box; "" starts as after a line end), at this
     * temperature, drawn with this seed (Make up more draws anew), each character coloured by hidden
     * unit {@code unit} of the first recurrent layer (-1: none).
     */
    public interface View extends Message {
        @JSProperty String getStart();
        @JSProperty double getTemperature();
        @JSProperty int getSeed();
        @JSProperty int getUnit();
    }
    @JSBody(params = {"start", "temperature", "seed", "unit"},
            script = "return {type: 'text-view', start: start, temperature: temperature, seed: seed, unit: unit};")
    public static native View view(String start, double temperature, int seed, int unit);

    /**
     * What the model makes up now for the view it was given: the start, the text after it (a few
     * lines), the chosen unit's value after each character of start and text (null for none), the
     * next character's probabilities after the start (one per vocabulary symbol, the setup's
     * classes), the first recurrent layer's units (0: none), and the bigram floor (nats per character).
     */
    public interface Sample extends Message {
        @JSProperty String getStart();
        @JSProperty String getText();
        @JSProperty Float64Array getValues();
        @JSProperty Float64Array getNext();
        @JSProperty int getUnits();
        @JSProperty double getFloor();
    }
    @JSBody(params = {"start", "text", "values", "next", "units", "floor"},
            script = "return {type: 'text-sample', start: start, text: text, values: values, next: next, units: units, floor: floor};")
    public static native Sample sample(String start, String text, Float64Array values, Float64Array next, int units, double floor);
}
