package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.DataSet;
import studio.backprop.engine.data.Numbers;
import studio.backprop.engine.data.Table;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Json;

class CsvTest {
    /** A file that is not text says so, instead of the quote or field count its bytes happen to break. */
    @Test
    void aBinaryFileIsNotText() throws Exception {
        byte[] png = new byte[3000]; // a PNG's signature, then compressed bytes
        Rng rng = new Rng(7);
        for (int i = 0; i < png.length; i++) png[i] = (byte) rng.nextInt();
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 'a', ',', 'b', '\n', 1, 2, 3};
        for (byte[] bytes : new byte[][] {png, zip}) {
            CsvException e = assertThrows(CsvException.class, () -> Table.parse(Text.fromUtf8(bytes), "auto"));
            assertTrue(e.getMessage().startsWith("this is not a text file"), e.getMessage());
        }
        // text with a stray control character or a Latin-1 byte is still text
        assertEquals(2, Table.parse("a,b\n1,caf\u00e9\u0007\n2,x\n", "auto").rows.length);
    }

    private static Table.Converted convert(String text) throws CsvException {
        return Table.parse(text, "auto").toDataSet("upload", new Table.Choice());
    }

    @Test
    void utf8IsTheJvmsUtf8() {
        java.util.Random r = new java.util.Random(5);
        for (int t = 0; t < 20000; t++) {
            char[] c = new char[r.nextInt(12)];
            for (int i = 0; i < c.length; i++) {
                int kind = r.nextInt(5);
                c[i] = (char) (kind == 0 ? r.nextInt(0x80) : kind == 1 ? r.nextInt(0x800) : kind == 2 ? 0xD800 + r.nextInt(0x800) : r.nextInt(0x10000));
            }
            String s = new String(c);
            assertArrayEquals(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), Text.utf8(s), s);
            byte[] b = new byte[r.nextInt(12)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(256));
            int from = b.length == 0 ? 0 : r.nextInt(b.length), length = r.nextInt(b.length - from + 1);
            assertEquals(new String(b, from, length, java.nio.charset.StandardCharsets.UTF_8), Text.fromUtf8(b, from, length), java.util.Arrays.toString(b));
            byte[] valid = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(new String(valid, java.nio.charset.StandardCharsets.UTF_8), Text.fromUtf8(valid, 0, valid.length));
        }
    }

    @Test
    void asciiHelpersTouchOnlyAscii() throws Exception {
        assertEquals("\u00c9tat_id 2024-01", Text.lowerAscii("\u00c9tat_ID 2024-01"));
        assertTrue(Text.isDigit('7'));
        assertFalse(Text.isDigit('\u0663')); // ARABIC-INDIC DIGIT THREE: not a digit of a date or a JSON number
        assertEquals(15, Text.hexDigit('f'));
        assertEquals(10, Text.hexDigit('A'));
        assertEquals(-1, Text.hexDigit('g'));
        assertEquals("\u00e9A", Json.parse("\"\\u00E9\\u0041\""));
        assertThrows(studio.backprop.engine.model.ModelException.class, () -> Json.parse("[1\u0663]"));
    }

    @Test
    void readsQuotesDoubledQuotesCrlfAndBom() throws Exception {
        String text = "\uFEFFname,\"size, cm\",kind\r\n\"a \"\"big\"\" one\",1.5,x\r\nb,\"2\",y\r\nc,3,x\r\n";
        Table t = Table.parse(text, "auto");
        assertTrue(t.hasHeader);
        assertArrayEquals(new String[] {"name", "size, cm", "kind"}, t.names);
        assertEquals("a \"big\" one", t.rows[0][0]);
        assertTrue(t.numeric[1]);
        assertFalse(t.numeric[0]);
    }

    @Test
    void quotedFieldsMayHoldLineBreaks() throws Exception {
        Table t = Table.parse("a,b\n\"line\none\",1\nx,2\n", "auto");
        assertEquals("line\none", t.rows[0][0]);
        assertEquals(4, t.lines[1]);
    }

    @Test
    void detectsHeaderOrNone() throws Exception {
        assertFalse(Table.parse("1,2,a\n3,4,b\n", "auto").hasHeader);
        assertTrue(Table.parse("x,y,label\n3,4,b\n5,6,c\n", "auto").hasHeader);
        assertEquals("column 1", Table.parse("1,2\n3,4\n", "auto").names[0]);
    }

    @Test
    void oneHotEncodesCategoricalInputsAndLabelsCategoricalTargets() throws Exception {
        Table.Converted c = convert("colour,size,fruit\nred,1,apple\ngreen,2,pear\nred,3,apple\nblue,4,pear\n");
        DataSet d = c.data;
        assertArrayEquals(new String[] {"colour=blue", "colour=green", "colour=red", "size"}, d.inputNames);
        assertArrayEquals(new String[] {"apple", "pear"}, d.classes);
        assertArrayEquals(new double[] {0, 0, 1, 1}, d.x[0]);
        assertEquals(1, d.label(1));
    }

    @Test
    void numericTargetIsRegressionUnlessFewIntegers() throws Exception {
        assertFalse(convert("a,t\n1,0.5\n2,1.5\n3,2.5\n").data.isClassification());
        assertTrue(convert("a,t\n1,0\n2,1\n3,2\n").data.isClassification());
    }

    @Test
    void missingValuesAreDroppedOrFilledWithTheMean() throws Exception {
        String text = "a,b,t\n1,NA,x\n2,4,y\n?,6,x\n4,8,y\n5,5,x\n";
        Table t = Table.parse(text, "auto");
        Table.Converted dropped = t.toDataSet("d", new Table.Choice());
        assertEquals(3, dropped.data.size());
        assertEquals(2, dropped.dropped);
        Table.Choice fill = new Table.Choice();
        fill.missing = "mean";
        Table.Converted filled = t.toDataSet("d", fill);
        assertEquals(5, filled.data.size());
        assertEquals(5.75, filled.data.x[0][1]); // mean of 4, 6, 8, 5
        assertEquals(3.0, filled.data.x[2][0]); // mean of 1, 2, 4, 5
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a,b\\n1,\"2\\n3,4\\n|line 2, column 2: quoted field is never closed",
        "a,b\\n1,\"2\"x\\n3,4\\n|line 2, column 2: unexpected character 'x' after a closing quote",
        "a,b\\n1,2\\n3\\n|line 3, column 2: row has 1 fields but the first row has 2",
        "a,b\\n1,2,3\\n|line 2, column 3: row has 3 fields but the first row has 2",
        "a,b\\n1,x\"y\\n|line 2, column 2: quote inside an unquoted field (quote the whole field and double the quote)",
        "\\n\\n|the file is empty",
        "a,b\\n|the file has a header but no data rows",
        "x,y\\n1,a\\n2,a\\n|target 'y' has only one class",
    })
    void malformedInputsGetClearMessages(String input, String message) {
        String text = input.replace("\\n", "\n");
        CsvException e = assertThrows(CsvException.class, () -> Table.parse(text, "yes").toDataSet("f", new Table.Choice()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void unknownTargetColumnIsNamed() throws Exception {
        Table t = Table.parse("a,b\n1,2\n3,4\n", "auto");
        Table.Choice c = new Table.Choice();
        c.target = "z";
        CsvException e = assertThrows(CsvException.class, () -> t.toDataSet("f", c));
        assertEquals("no column named 'z' (columns: a, b)", e.getMessage());
    }

    @Test
    void numbersParseExactlyForCsvNumbers() {
        Rng rng = new Rng(4);
        for (int i = 0; i < 100_000; i++) {
            double v = Math.round(rng.uniform(-1e6, 1e6) * 1e4) / 1e4;
            String s = Double.toString(v);
            if (s.contains("E")) continue;
            assertEquals(Double.parseDouble(s), Numbers.parse(s), s);
        }
        assertEquals(1.5e-7, Numbers.parse("1.5e-7"));
        assertEquals(-0.001, Numbers.parse("-1E-3"));
        assertTrue(Double.isNaN(Numbers.parse("1.2.3")));
        assertTrue(Double.isNaN(Numbers.parse("0x10")));
        assertTrue(Double.isNaN(Numbers.parse("Infinity")));
    }

    /** Random and mutated inputs: only CsvException may come out, never anything else. */
    @Test
    void fuzzNeverThrowsAnythingButCsvException() throws Exception {
        int iterations = Integer.getInteger("fuzz.iterations", 100_000);
        String[] seeds = {
            Fixtures.text("samples/iris.csv").substring(0, 600),
            "a,\"b\"\"c\",d\r\n1,2,x\r\n\"3\",4,y\r\n",
            "colour,size,fruit\nred,1,apple\ngreen,NA,pear\n?,3,apple\n",
        };
        String alphabet = ",\"\r\n;\t0123456789.-eE?aN \uFEFF";
        Rng rng = new Rng(99);
        for (int i = 0; i < iterations; i++) {
            StringBuilder sb = new StringBuilder(seeds[rng.nextInt(seeds.length)]);
            int edits = 1 + rng.nextInt(8);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = rng.nextInt(sb.length());
                char c = alphabet.charAt(rng.nextInt(alphabet.length()));
                switch (rng.nextInt(3)) {
                    case 0: sb.setCharAt(at, c); break;
                    case 1: sb.insert(at, c); break;
                    default: sb.deleteCharAt(at);
                }
            }
            if (i % 10 == 0) {
                sb.setLength(0);
                int len = rng.nextInt(60);
                for (int k = 0; k < len; k++) sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            try {
                Table.Choice choice = new Table.Choice();
                choice.missing = rng.nextInt(2) == 0 ? "drop" : "mean";
                Table.Converted c = Table.parse(text, "auto").toDataSet("fuzz", choice);
                assertEquals(c.data.x.length, c.data.y.length);
            } catch (CsvException expected) {
                assertNotNull(expected.getMessage());
            } catch (RuntimeException e) {
                fail("input " + text.replace("\n", "\\n") + " threw " + e, e);
            }
        }
    }
}
