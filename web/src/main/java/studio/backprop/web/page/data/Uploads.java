package studio.backprop.web.page.data;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.Text;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;

/**
 * What the panels of the user's own images and sounds share: the files a picker or a drop gives
 * (a dropped folder walked, each file with its path), the data set's name from them, the class
 * loose files go to, a free class name, and the worker's loading report (progress, message,
 * skipped files) in the elements PREFIX-progress, -progress-bar, -message, -skipped-box,
 * -skipped-count and -skipped.
 */
final class Uploads {
    private Uploads() {}

    @JSFunctor
    interface Files extends JSObject {
        /** Files with their paths (a folder's relative paths, else the names). */
        void accept(JSObject[] files, String[] paths);
    }

    /**
     * The data set's name from what was added: the folder's (a folder, or files in folders), the
     * zip's, else fallback; a name like a built-in set's (mnist, iris, ...) gets kind after it, so
     * that it never trains on that set.
     */
    static String dataName(String[] paths, String fallback, String kind) {
        String first = paths[0].replace('\\', '/');
        String name = first.contains("/") ? first.substring(0, first.indexOf('/')) : Text.lowerAscii(first).endsWith(".zip") ? first : fallback;
        return BuiltIn.isBuiltIn(name) ? name + " " + kind : name;
    }

    /** The class loose files (no folders, no zip) go to: the last class, or a first one; "" when the folders name the classes. */
    static String looseInto(String[] paths, String[] classes) {
        for (String p : paths) if (p.contains("/") || Text.lowerAscii(p).endsWith(".zip")) return "";
        return classes.length > 0 ? classes[classes.length - 1] : "class 1";
    }

    /** "class N" for the first N past the classes there are that no class has. */
    static String freeName(String[] classes) {
        for (int k = classes.length + 1; ; k++) {
            String n = "class " + k;
            if (java.util.Arrays.asList(classes).indexOf(n) < 0) return n;
        }
    }

    /** The worker's loading report: its progress (-1: none under way), its message, the skipped files (the first 200 listed). */
    static void report(String prefix, double fraction, String message, String[] skipped) {
        Dom.byTestId(prefix + "-progress").setHidden(fraction < 0);
        Dom.byTestId(prefix + "-progress").setAttribute("data-loading", fraction < 0 ? "false" : "true");
        if (fraction >= 0) Html.setValue(Dom.byTestId(prefix + "-progress-bar"), Dom.raw(fraction));
        HTMLElement m = Dom.byTestId(prefix + "-message");
        m.setTextContent(message);
        m.setHidden(message.isEmpty());
        Dom.byTestId(prefix + "-skipped-box").setHidden(skipped.length == 0);
        Dom.byTestId(prefix + "-skipped-count").setTextContent(Integer.toString(skipped.length));
        HTMLElement list = Dom.byTestId(prefix + "-skipped");
        Html.clear(list);
        for (int i = 0; i < Math.min(200, skipped.length); i++) list.appendChild(Html.el("li", skipped[i]));
    }

    @JSBody(params = "input", script = "return Array.prototype.slice.call(input.files || []);")
    static native JSObject[] files(HTMLElement input);

    @JSBody(params = "input", script = "return Array.prototype.map.call(input.files || [], function (js_f) { return js_f.webkitRelativePath || js_f.name; });")
    static native String[] paths(HTMLElement input);

    @JSBody(params = "input", script = "input.value = '';")
    static native void clearInput(HTMLElement input);

    @JSBody(params = "input", script = "return input.files && input.files.length ? input.files[0] : null;")
    static native JSObject firstFile(HTMLElement input);

    /**
     * Files dropped on a zone; a dropped folder is walked (with its sub-folders) so each file
     * keeps its path, as a folder picker gives it.
     */
    @JSBody(params = {"zone", "got"}, script =
            "zone.addEventListener('dragover', function (js_e) { js_e.preventDefault(); zone.classList.add('dragging'); });"
            + "zone.addEventListener('dragleave', function () { zone.classList.remove('dragging'); });"
            + "zone.addEventListener('drop', function (js_e) { js_e.preventDefault(); js_e.stopPropagation(); zone.classList.remove('dragging');"
            + "  var js_files = [], js_paths = [], js_pending = 0;"
            + "  function js_done() { if (js_pending === 0 && js_files.length) got(js_files, js_paths); }"
            + "  function js_walk(js_entry, js_path) {"
            + "    js_pending++;"
            + "    if (js_entry.isFile) { js_entry.file(function (js_f) { js_files.push(js_f); js_paths.push(js_path + js_f.name); js_pending--; js_done(); },"
            + "      function () { js_pending--; js_done(); }); return; }"
            + "    var js_reader = js_entry.createReader();"
            + "    function js_more() { js_reader.readEntries(function (js_list) {"
            + "      if (!js_list.length) { js_pending--; js_done(); return; }"
            + "      js_list.forEach(function (js_x) { js_walk(js_x, js_path + js_entry.name + '/'); }); js_more(); },"
            + "      function () { js_pending--; js_done(); }); }"
            + "    js_more(); }"
            + "  var js_items = js_e.dataTransfer.items, js_entries = [];"
            + "  for (var js_i = 0; js_items && js_i < js_items.length; js_i++) {"
            + "    var js_en = js_items[js_i].webkitGetAsEntry && js_items[js_i].webkitGetAsEntry(); if (js_en) js_entries.push(js_en); }"
            + "  if (!js_entries.length) { var js_fl = js_e.dataTransfer.files;"
            + "    for (var js_j = 0; js_j < js_fl.length; js_j++) { js_files.push(js_fl[js_j]); js_paths.push(js_fl[js_j].name); } js_done(); return; }"
            + "  js_entries.forEach(function (js_x) { js_walk(js_x, ''); }); });")
    static native void listenDrop(HTMLElement zone, Files got);
}
