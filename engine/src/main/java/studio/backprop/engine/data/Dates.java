package studio.backprop.engine.data;

import studio.backprop.engine.math.Det;

/**
 * Dates and date-times in a CSV, as inputs a network can use: the year, and the day of the
 * year, the day of the week and (for date-times) the time of day each as a sin/cos pair, so
 * that 31 December sits next to 1 January and Sunday next to Monday.
 *
 * <p>Forms read (a column keeps one field order, found from its values): ISO 2024-03-15 and
 * 2024/03/15 or 2024.03.15; 15.03.2024 and 15/03/2024 (day first), 03/15/2024 (month first);
 * 15 Mar 2024, 15-Mar-2024, Mar 15, 2024 and March 15 2024. Any of them may be followed by a time
 * (T or a space, then hh:mm, :ss, fractions, am/pm, and a Z or +hh:mm offset that is ignored:
 * the clock time as written is what the data says).
 */
public final class Dates {
    private Dates() {}

    /** Field orders of a numeric date: year-month-day, day-month-year, month-day-year. */
    public static final String YMD = "ymd", DMY = "dmy", MDY = "mdy";
    /** Suffix of a column's spec when its values carry a time. */
    public static final String WITH_TIME = "+time";

    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december"};

    /** The inputs a date column becomes, after its name. */
    public static String[] parts(String spec) {
        return spec.endsWith(WITH_TIME)
                ? new String[] {"year", "day of year sin", "day of year cos", "weekday sin", "weekday cos", "time sin", "time cos"}
                : new String[] {"year", "day of year sin", "day of year cos", "weekday sin", "weekday cos"};
    }

    /** A parsed value: year, month 1-12, day 1-31 and seconds since midnight (-1: no time). */
    static final class Value {
        final int year, month, day;
        final double seconds;

        Value(int year, int month, int day, double seconds) {
            this.year = year;
            this.month = month;
            this.day = day;
            this.seconds = seconds;
        }
    }

    /**
     * The spec that reads every present value of a column ("ymd", "dmy+time", ...), or null when
     * some value is no date. Day-first or month-first comes from values whose first or second
     * field is over 12; when none says, month first (the US form) for slashes, day first for dots.
     */
    public static String detect(String[] values) {
        String order = null;
        if (readsAll(values, YMD)) {
            order = YMD;
        } else {
            boolean dmy = readsAll(values, DMY), mdy = readsAll(values, MDY);
            if (dmy && mdy) order = dotted(values) ? DMY : MDY;
            else if (dmy) order = DMY;
            else if (mdy) order = MDY;
        }
        if (order == null) return null;
        for (String v : values) if (!Numbers.isMissing(v) && parse(v, order).seconds >= 0) return order + WITH_TIME;
        return order;
    }

    /** Whether some value is present and every present one is a date in this order. */
    private static boolean readsAll(String[] values, String order) {
        boolean any = false;
        for (String v : values) {
            if (Numbers.isMissing(v)) continue;
            if (parse(v, order) == null) return false;
            any = true;
        }
        return any;
    }

    private static boolean dotted(String[] values) {
        for (String v : values) if (!Numbers.isMissing(v)) return v.indexOf('.') >= 0 && v.indexOf('/') < 0;
        return false;
    }

    /** The inputs of one value (see {@link #parts}); throws for text that is no date in this spec. */
    /** A date's place in time, for sorting (seconds since 1970 in the date's own clock); NaN for no date of this spec. */
    public static double instant(String text, String spec) {
        Value d = parse(text, spec.endsWith(WITH_TIME) ? spec.substring(0, spec.length() - WITH_TIME.length()) : spec);
        return d == null ? Double.NaN : daysFromCivil(d.year, d.month, d.day) * 86400.0 + Math.max(0, d.seconds);
    }

    public static void encode(String text, String spec, double[] out, int at) {
        Value d = parse(text, spec.endsWith(WITH_TIME) ? spec.substring(0, spec.length() - WITH_TIME.length()) : spec);
        if (d == null) throw new IllegalArgumentException("'" + text + "' is not a date");
        long days = daysFromCivil(d.year, d.month, d.day);
        int dayOfYear = (int) (days - daysFromCivil(d.year, 1, 1));
        int weekday = (int) Math.floorMod(days + 3, 7L); // 1970-01-01 was a Thursday: Monday is 0
        double year = 2 * Math.PI * dayOfYear / (leap(d.year) ? 366 : 365), week = 2 * Math.PI * weekday / 7;
        out[at] = d.year;
        out[at + 1] = Det.sin(year);
        out[at + 2] = Det.cos(year);
        out[at + 3] = Det.sin(week);
        out[at + 4] = Det.cos(week);
        if (spec.endsWith(WITH_TIME)) {
            double time = 2 * Math.PI * Math.max(0, d.seconds) / 86400;
            out[at + 5] = Det.sin(time);
            out[at + 6] = Det.cos(time);
        }
    }

    static boolean leap(int y) {
        return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    }

    /** Days from 1970-01-01 (proleptic Gregorian). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400, doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** One value in a field order, or null. */
    static Value parse(String text, String order) {
        String s = Text.lowerAscii(text.trim());
        if (s.length() < 6 || s.length() > 40) return null;
        // split off the time: after a T between digits, or after the first space that follows the date
        int cut = -1;
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == 't' && Text.isDigit(s.charAt(i - 1)) && Text.isDigit(s.charAt(i + 1))) {
                cut = i;
                break;
            }
        }
        String date = s, time = null;
        if (cut > 0) {
            date = s.substring(0, cut);
            time = s.substring(cut + 1);
        } else {
            int colon = s.indexOf(':');
            if (colon > 0) {
                int space = s.lastIndexOf(' ', colon);
                if (space < 0) return null;
                date = s.substring(0, space).trim();
                time = s.substring(space + 1).trim();
            }
        }
        double seconds = -1;
        if (time != null) {
            seconds = time(time);
            if (seconds < 0) return null;
        }
        int[] ymd = date(date, order);
        if (ymd == null) return null;
        return new Value(ymd[0], ymd[1], ymd[2], seconds);
    }

    /** hh:mm[:ss[.fff]] [am|pm] [z|+hh:mm|-hhmm]: seconds since midnight, or -1. */
    private static double time(String t) {
        String s = t.trim();
        if (s.endsWith("z")) s = s.substring(0, s.length() - 1);
        int zone = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (zone > 0) s = s.substring(0, zone);
        boolean pm = false, am = false;
        if (s.endsWith("pm") || s.endsWith("am")) {
            pm = s.endsWith("pm");
            am = !pm;
            s = s.substring(0, s.length() - 2).trim();
        }
        String[] f = Text.split(s, ':');
        if (f.length < 2 || f.length > 3) return -1;
        int h = digits(f[0], 1, 2), m = digits(f[1], 2, 2);
        double sec = 0;
        if (f.length == 3) {
            String whole = f[2];
            int dot = whole.indexOf('.');
            int si = digits(dot < 0 ? whole : whole.substring(0, dot), 2, 2);
            if (si < 0 || si > 60 || (dot >= 0 && digits(whole.substring(dot + 1), 1, 9) < 0)) return -1;
            sec = si;
        }
        if (h < 0 || m < 0 || m > 59) return -1;
        if (am || pm) {
            if (h < 1 || h > 12) return -1;
            h = h % 12 + (pm ? 12 : 0);
        } else if (h > 24) {
            return -1;
        }
        return h * 3600 + m * 60 + sec;
    }

    /** The date part in a field order: year, month, day, or null. */
    private static int[] date(String s, String order) {
        // month names: "15 mar 2024", "15-mar-2024", "mar 15, 2024", "march 15 2024"
        String[] words = Text.split(s.replace(',', ' ').replace('-', ' ').replace('/', ' ').replace('.', ' '), ' ');
        java.util.List<String> w = new java.util.ArrayList<>();
        for (String x : words) if (!x.isEmpty()) w.add(x);
        if (w.size() != 3) return null;
        int named = -1;
        for (int i = 0; i < 3; i++) if (month(w.get(i)) > 0) named = i;
        int y, m, d;
        if (named >= 0) {
            m = month(w.get(named));
            if (named == 0) {
                d = digits(w.get(1), 1, 2);
                y = digits(w.get(2), 4, 4);
            } else if (named == 1) {
                d = digits(w.get(0), 1, 2);
                y = digits(w.get(2), 4, 4);
            } else {
                return null;
            }
        } else {
            char sep = separator(s);
            if (sep == 0) return null;
            int a = digits(w.get(0), 1, 4), b = digits(w.get(1), 1, 2), c = digits(w.get(2), 1, 4);
            if (a < 0 || b < 0 || c < 0) return null;
            if (order.equals(YMD)) {
                if (w.get(0).length() != 4) return null;
                y = a;
                m = b;
                d = c;
            } else {
                if (w.get(2).length() != 4 || w.get(0).length() > 2) return null;
                y = c;
                m = order.equals(DMY) ? b : a;
                d = order.equals(DMY) ? a : b;
            }
        }
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
        return new int[] {y, m, d};
    }

    /** The one separator a numeric date uses throughout, or 0. */
    private static char separator(String s) {
        char sep = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' || c == '/' || c == '.') {
                if (sep != 0 && c != sep) return 0;
                sep = c;
            } else if (!Text.isDigit(c)) {
                return 0;
            }
        }
        return sep;
    }

    private static int daysIn(int y, int m) {
        return m == 2 ? (leap(y) ? 29 : 28) : m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
    }

    /** 1-12 for an English month name or its first three letters, else 0. */
    private static int month(String w) {
        if (w.length() < 3) return 0;
        for (int i = 0; i < 12; i++) {
            if (w.equals(MONTHS[i]) || w.equals(MONTHS[i].substring(0, 3)) || (i == 8 && w.equals("sept"))) return i + 1;
        }
        return 0;
    }

    /** A whole number of min to max digits, or -1. */
    private static int digits(String s, int min, int max) {
        if (s.length() < min || s.length() > max) return -1;
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
