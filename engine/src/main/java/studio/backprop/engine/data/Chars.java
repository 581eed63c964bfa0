package studio.backprop.engine.data;

import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Rng;

/**
 * Text at the level of characters: the built-in first names ({@link #NAMES}, one per line) or a
 * user's .txt file. The vocabulary is the text's characters (UTF-16 units), the {@link #MAX_VOCAB}
 * - 1 most frequent of them when there are more, in code order, the rest read as one unknown
 * symbol ({@link #UNKNOWN}, last). A sample is a window of {@code window} characters and, as its
 * targets, the character after each of them (the window moved on by one): the task is the next
 * character at every step. The windows follow each other through the text (at most
 * {@link #MAX_WINDOWS} of them, spread evenly over a long text), and keep its order: the test part
 * is the text's end.
 */
public final class Chars {
    private Chars() {}

    /** The built-in set: 8,422 English first names (the two stdlib lists, lowercased; see NOTICE.md). */
    public static final String NAMES = "names";
    public static final String NAMES_FILE = "names.txt";
    public static final int MAX_VOCAB = 96, MAX_WINDOWS = 50_000, MAX_CHARS = 10_000_000, MAX_WINDOW = 100;
    public static final String UNKNOWN = "\uFFFD";

    /** Whether the data is text: the built-in names, or a .txt file. */
    public static boolean isText(String data) {
        return data.equals(NAMES) || (data.length() > 4 && Text.equalsAscii(data.substring(data.length() - 4), ".txt"));
    }

    /** The names file's lines, one name each, in an order shuffled once and for all (so windows mix the alphabet), each ended by a line end. */
    public static String namesText(String file) {
        String[] lines = Text.split(clean(file), '\n');
        int n = 0;
        for (String l : lines) if (!l.isEmpty()) lines[n++] = l;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        new Rng(0x4E414D45).shuffle(order);
        StringBuilder b = new StringBuilder();
        for (int i : order) b.append(lines[i]).append('\n');
        return b.toString();
    }

    /** The text with Windows' and old Mac line ends as '\n'. */
    public static String clean(String text) {
        if (text.indexOf('\r') < 0) return text;
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\r') b.append(c);
            else if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') b.append('\n');
        }
        return b.toString();
    }

    /** The text's vocabulary (see the class comment), each symbol one character. */
    public static String[] vocabulary(String text) {
        int[] count = new int[65536];
        int distinct = 0;
        for (int i = 0; i < text.length(); i++) if (count[text.charAt(i)]++ == 0) distinct++;
        boolean[] kept = new boolean[65536];
        if (distinct <= MAX_VOCAB) {
            for (int c = 0; c < 65536; c++) kept[c] = count[c] > 0;
        } else {
            // the most frequent MAX_VOCAB - 1, ties to the lower code
            for (int k = 0; k < MAX_VOCAB - 1; k++) {
                int best = -1;
                for (int c = 0; c < 65536; c++) if (!kept[c] && count[c] > 0 && (best < 0 || count[c] > count[best])) best = c;
                kept[best] = true;
            }
        }
        String[] v = new String[Math.min(distinct, MAX_VOCAB)];
        int n = 0;
        for (int c = 0; c < 65536; c++) if (kept[c]) v[n++] = String.valueOf((char) c);
        if (distinct > MAX_VOCAB) v[n] = UNKNOWN;
        return v;
    }

    /** Each character's index in the vocabulary (its unknown symbol for any other). */
    public static int[] encode(String text, String[] vocab) {
        int[] index = new int[65536];
        java.util.Arrays.fill(index, -1);
        int unknown = -1;
        for (int s = 0; s < vocab.length; s++) {
            if (vocab[s].equals(UNKNOWN)) unknown = s;
            else index[vocab[s].charAt(0)] = s;
        }
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            int s = index[text.charAt(i)];
            out[i] = s >= 0 ? s : unknown >= 0 ? unknown : 0;
        }
        return out;
    }

    /** The samples of a text with its own vocabulary (see the class comment). */
    public static DataSet dataSet(String name, String text, int window) {
        return dataSet(name, text, window, null);
    }

    /**
     * The same with a given vocabulary (a model's, to train on): null for the text's own.
     *
     * @throws IllegalArgumentException for a text too short for one window, or too long
     */
    public static DataSet dataSet(String name, String text, int window, String[] vocab) {
        if (window < 1 || window > MAX_WINDOW) throw new IllegalArgumentException("window must be 1 to " + MAX_WINDOW + " characters, got " + window);
        text = clean(text);
        if (text.length() > MAX_CHARS) throw new IllegalArgumentException("the text has " + text.length() + " characters; at most " + MAX_CHARS + " are read");
        if (text.length() < 2 * window + 2) {
            throw new IllegalArgumentException("the text has " + text.length() + " characters: windows of " + window + " need at least " + (2 * window + 2));
        }
        String[] v = vocab != null ? vocab : vocabulary(text);
        int[] codes = encode(text, v);
        int stride = Math.max(window, (codes.length - 1 - window) / MAX_WINDOWS + 1);
        int n = (codes.length - 1 - window) / stride + 1;
        double[][] x = new double[n][window], y = new double[n][window];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < window; t++) {
                x[i][t] = codes[i * stride + t];
                y[i][t] = codes[i * stride + t + 1];
            }
        }
        String[] inputs = new String[window], targets = new String[window];
        for (int t = 0; t < window; t++) {
            inputs[t] = "c" + (t + 1);
            targets[t] = "next" + (t + 1);
        }
        return new DataSet(name, inputs, x, targets, v, y);
    }

    /**
     * The floor a network has to beat: the test loss, in nats per character, of a count-based
     * bigram model (the next character's frequency after each character in the training windows,
     * add-one smoothed) on the test windows' characters.
     */
    public static double bigramLoss(double[][] trainX, double[][] trainY, double[][] testX, double[][] testY, int vocab) {
        double[][] count = new double[vocab][vocab];
        double[] total = new double[vocab];
        for (int i = 0; i < trainX.length; i++) {
            for (int t = 0; t < trainX[i].length; t++) {
                int a = (int) trainX[i][t], b = (int) trainY[i][t];
                count[a][b]++;
                total[a]++;
            }
        }
        double loss = 0;
        long n = 0;
        for (int i = 0; i < testX.length; i++) {
            for (int t = 0; t < testX[i].length; t++) {
                int a = (int) testX[i][t], b = (int) testY[i][t];
                loss -= Det.log((count[a][b] + 1) / (total[a] + vocab));
                n++;
            }
        }
        return n == 0 ? Double.NaN : loss / n;
    }
}
