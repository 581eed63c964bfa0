package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** A model trained on an uploaded file, opened again with that file (or one with the same columns). */
class ResumeTest {
    static final String FRUIT = "colour,size,weight,fruit\nred,1.25,3,apple\ngreen,2,1.5,pear\nred,3.5,2,apple\n"
            + "blue,4,0.5,pear\ngreen,1,2.5,apple\nblue,2.5,1,pear\nred,3,0.25,pear\ngreen,0.5,4,apple\n";

    static Model trained() throws Exception {
        Experiment ex = Experiment.create(Settings.of("data=fruit.csv layers=4 opt=adam lr=0.01 seed=5", ' '), FRUIT);
        for (int i = 0; i < 5; i++) ex.trainer.stepEpoch();
        return ModelLink.read("m=" + ModelLink.payload(ex.model));
    }

    @Test
    void theSameFileGivesTheModelBackAndTrainingGoesOn() throws Exception {
        Model model = trained();
        Experiment ex = Experiment.resume(model, FRUIT);
        assertEquals(WeightsHash.of(model.network), WeightsHash.of(ex.model.network));
        double[][] x = ex.test.x;
        assertArrayEquals(model.predict(x)[0], ex.model.predict(x)[0]);
        double before = ex.evaluate().train.loss;
        for (int i = 0; i < 20; i++) ex.trainer.stepEpoch();
        assertTrue(ex.evaluate().train.loss < before);
    }

    @Test
    void otherRowsWithTheSameColumnsKeepTheModelsNormalisation() throws Exception {
        Model model = trained();
        String other = "fruit,weight,size,colour\napple,2,1,red\npear,1,3,green\napple,3,2,blue\npear,0.5,5,green\n";
        Experiment ex = Experiment.resume(model, other);
        assertArrayEquals(model.normalizer.shift, ex.model.normalizer.shift);
        assertArrayEquals(model.normalizer.scale, ex.model.normalizer.scale);
        double[][] rows = {{1, 0, 0, 2, 3}, {0, 1, 0, 0.5, 1}};
        assertArrayEquals(model.predict(rows)[1], ex.model.predict(rows)[1]);
    }

    @Test
    void mismatchesSayWhat() throws Exception {
        Model model = trained();
        assertEquals("the file does not match the model: it has no column 'weight' (the model's inputs: colour, size, weight)",
                assertThrows(IllegalArgumentException.class, () -> Experiment.resume(model, "colour,size,fruit\nred,1,apple\nblue,2,pear\n")).getMessage());
        assertEquals("the file does not match the model: it has no column 'fruit', the model's target",
                assertThrows(IllegalArgumentException.class, () -> Experiment.resume(model, "colour,size,weight,kind\nred,1,1,apple\nblue,2,2,pear\n")).getMessage());
        assertEquals("the file does not match the model: column 'colour' has the categories blue, red; the model knows blue, green, red",
                assertThrows(IllegalArgumentException.class, () -> Experiment.resume(model, "colour,size,weight,fruit\nred,1,1,apple\nblue,2,2,pear\n")).getMessage());
        assertEquals("the file does not match the model: its target's classes are apple, pear, plum; the model's are apple, pear",
                assertThrows(IllegalArgumentException.class, () -> Experiment.resume(model,
                        "colour,size,weight,fruit\nred,1,1,apple\nblue,2,2,pear\ngreen,3,3,plum\n")).getMessage());
        assertEquals("the file does not match the model: column 'size' is categories in the file, numbers in the model",
                assertThrows(IllegalArgumentException.class, () -> Experiment.resume(model,
                        "colour,size,weight,fruit\nred,small,1,apple\nblue,big,2,pear\ngreen,big,3,apple\n")).getMessage());
    }
}
