package studio.backprop.engine.cli;

import java.io.PrintStream;
import java.util.Locale;
import studio.backprop.engine.train.Settings;

/** The CLI's --help: its commands, the training settings (Settings.KEYS) and what each command prints. */
final class Help {
    private Help() {}

    static void print(PrintStream out) {
        out.println("Backprop Studio engine: train and use small neural networks.");
        out.println();
        out.println("usage: java -jar engine.jar train   [--key=value ...] [--out=model.json|model.bpsm|model.onnx|model.tfjs.zip|project.zip] [--site=URL] [--link] [--quiet]");
        out.println("       java -jar engine.jar train   --project=PROJECT.zip [--epochs=N ...] [--out=...]   (trains on from a saved project)");
        out.println("       java -jar engine.jar eval    --model=FILE_OR_LINK [--data=... to evaluate on other data] | --project=PROJECT.zip");
        out.println("       java -jar engine.jar predict --model=FILE_OR_LINK (--input=ROWS.csv | --values=v1,v2,... | --input=IMAGE_FOLDER_OR_ZIP)");
        out.println("       java -jar engine.jar export  --model=FILE_OR_LINK --out=model.json|model.bpsm|model.onnx|model.tfjs.zip");
        out.println("       java -jar engine.jar sweep   [--key=value ...] --sweep='lr:0.001|0.01|0.1;layers:8|16,16' [--threads=N|auto]");
        out.println("       java -jar engine.jar sample  --model=FILE_OR_LINK [--start=TEXT] [--length=200] [--lines=N] [--temperature=1] [--seed=1]");
        out.println("       java -jar engine.jar forecast --model=FILE_OR_LINK [--steps=60]   (a series model: its forecast past the data's end, CSV)");
        out.println();
        out.println("Training settings (the same keys as the web app's URL):");
        for (String[] k : Settings.KEYS) {
            out.printf(Locale.ROOT, "  --%-9s %s%s%n", k[0], k[2], k[1].isEmpty() ? "" : " [" + k[1] + "]");
        }
        out.println();
        out.println("The last line of train and eval is one JSON object with the epochs, losses, accuracy");
        out.println("(classification) or RMSE and R^2 (regression), and the weightsHash of the parameters.");
        out.println("train also prints a share link (the model in the URL) for the site at --site (default http://localhost:8080/)");
        out.println("when it is short enough to paste (8 KB; else the 8-bit one, else a line on how to get it; --link prints it anyway).");
        out.println("While a run lasts over a second, train shows its progress on stderr (epoch, loss, time left); --quiet silences it.");
        out.println("An .onnx file takes the encoded columns as input \"input\" [N, k] and gives \"output\" (probabilities");
        out.println("or values); normalisation and 2-D features are in the graph, names and labels in its metadata.");
        out.println("A .tfjs.zip holds a TensorFlow.js layers model (model.json, model.weights.bin) for tf.loadLayersModel; its input is");
        out.println("the network's: the 2-D features and the normalisation are in its userDefinedMetadata.");
        out.println("sweep trains every run of the grid (the first setting varies slowest) on --threads threads (auto: every core),");
        out.println("each exactly the run its settings make alone; it prints a table (* marks the best test result)");
        out.println("and then one JSON line per run: train's JSON plus \"settings\", the run's settings as a URL query.");
        out.println("Your own images: --data=FOLDER or --data=IMAGES.zip with one sub-folder per class (the folder's name is the");
        out.println("class; PNG, JPEG, GIF), e.g. train --data=pets.zip --image=rgb32 --layers=conv8x3,pool2,conv16x3,pool2,drop0.25,64");
        out.println("--act=relu --opt=adam --lr=0.002 --batch=32 --norm=none --split=0.8 (the studio's recommendation); files that");
        out.println("are not images are skipped and listed. predict --input= takes an image, a folder or a zip for such a model.");
        out.println("Your own sounds: --data=FOLDER or --data=SOUNDS.zip of WAV files (PCM 8, 16, 24, 32-bit or float, any rate, mono or");
        out.println("stereo), one sub-folder per class; each second of each file is one sample, heard as a log-mel spectrogram (--sound=mel32,");
        out.println("or mel64), trained with the studio's recommended conv net. MP3, Ogg, WebM, FLAC and M4A are read in the studio only:");
        out.println("convert them to WAV. predict --input= takes a WAV, a folder or a zip for such a model: one row per second of each file.");
        out.println("A project (the studio's Save project, or train --out=NAME.zip) holds the model, its data when it is yours (the CSV");
        out.println("file, or the images by class) and the studio's runs; --project=FILE trains on from it or evaluates it, on its own data.");
        out.println("--model= takes a project too.");
        out.println("Text: --data=names (8,422 first names) or --data=FILE.txt trains on the next character at every step of windows of");
        out.println("--window characters, e.g. train --data=names --layers=lstm64 (the recommendation); it prints the test loss in nats and bits");
        out.println("per character beside a bigram model's. sample makes text up from such a model, after --start (\\n for a line end),");
        out.println("--length characters or --lines lines at --temperature (lower: safer, higher: wilder), the same for the same --seed.");
        out.println("Exit codes: 0 done, 1 bad input, 2 training diverged.");
    }
}
