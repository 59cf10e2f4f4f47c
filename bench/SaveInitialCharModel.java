import java.nio.file.Path;
import java.util.Random;
import org.rnnkit.nn.cell.CellType;
import org.rnnkit.text.CharModel;
import org.rnnkit.text.Corpus;
import org.rnnkit.text.Vocabulary;

/**
 * Saves the untrained character model that {@code rnnkit text train} starts from, for
 * bench/char_rnn_pytorch.py --init: the same vocabulary, sizes and seed give the same weights
 * (CharModel draws them from new Random(seed) as text train does).
 *
 * <pre>
 *   java -cp target/rnnkit.jar bench/SaveInitialCharModel.java lstm 64 128 2 0 init.npz [corpus.txt]
 * </pre>
 */
public class SaveInitialCharModel {
  public static void main(String[] a) throws Exception {
    Corpus corpus = a.length > 6 ? Corpus.read(Path.of(a[6])) : Corpus.bundled();
    CharModel model =
        new CharModel(
            Vocabulary.of(corpus.text(), Vocabulary.Unknown.REJECT),
            new CharModel.Architecture(
                CellType.parse(a[0]),
                Integer.parseInt(a[1]),
                Integer.parseInt(a[2]),
                Integer.parseInt(a[3])),
            new Random(Long.parseLong(a[4])));
    model.save(Path.of(a[5]), new com.google.gson.JsonObject());
    System.out.println("wrote " + a[5] + ": " + model.parameterCount() + " parameters");
  }
}
