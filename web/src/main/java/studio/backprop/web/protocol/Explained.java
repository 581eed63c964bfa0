package studio.backprop.web.protocol;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float64Array;

/**
 * What an explanation message ({@link FromWorker.Explanation}) carries: per layer its numbers in
 * the seed's names, the place a conv or pool layer follows, and the batch view. Plain objects,
 * as every message is; the engine's Explain and Focus compute them.
 */
public final class Explained {
    private Explained() {}

    /**
     * One layer of an explanation, in the seed's names (see the engine's Explain.Layer: kind dense,
     * conv, pool or dropout; shapes C, H, W; dLdA null where the loss folds it into dLdZ; the
     * weights' fields null for pool and dropout; focus null for dense and dropout).
     */
    public interface Layer extends JSObject {
        @JSProperty String getKind(); @JSProperty void setKind(String v);
        @JSProperty int[] getInShape(); @JSProperty void setInShape(int[] v);
        @JSProperty int[] getOutShape(); @JSProperty void setOutShape(int[] v);
        @JSProperty Focus getFocus(); @JSProperty void setFocus(Focus v);
        @JSProperty int getM(); @JSProperty void setM(int v);
        @JSProperty int getN(); @JSProperty void setN(int v);
        @JSProperty String getActivation(); @JSProperty void setActivation(String v);
        @JSProperty double getRate(); @JSProperty void setRate(double v);
        @JSProperty Float64Array getAPrev(); @JSProperty void setAPrev(Float64Array v);
        @JSProperty Float64Array getW(); @JSProperty void setW(Float64Array v);
        @JSProperty Float64Array getW0(); @JSProperty void setW0(Float64Array v);
        @JSProperty Float64Array getZ(); @JSProperty void setZ(Float64Array v);
        @JSProperty Float64Array getA(); @JSProperty void setA(Float64Array v);
        @JSProperty Float64Array getDLdA(); @JSProperty void setDLdA(Float64Array v);
        @JSProperty Float64Array getDLdZ(); @JSProperty void setDLdZ(Float64Array v);
        /** f'(Z) of an elementwise activation; null for softmax and where the loss hands over dL/dZ. */
        @JSProperty Float64Array getFPrime(); @JSProperty void setFPrime(Float64Array v);
        @JSProperty Float64Array getDLdAPrev(); @JSProperty void setDLdAPrev(Float64Array v);
        @JSProperty Float64Array getDLdW(); @JSProperty void setDLdW(Float64Array v);
        @JSProperty Float64Array getDLdW0(); @JSProperty void setDLdW0(Float64Array v);
        @JSProperty Float64Array getWAfter(); @JSProperty void setWAfter(Float64Array v);
        /** A recurrent layer unrolled through time (kind recurrent), else null. */
        @JSProperty Time getTime(); @JSProperty void setTime(Time v);
    }
    @JSBody(script = "return {};")
    public static native Layer layer();

    /** The place a conv or pool layer follows (the engine's Focus, field for field; conv's fields null for a pool and the other way round). */
    public interface Focus extends JSObject {
        @JSProperty int getFilter(); @JSProperty void setFilter(int v);
        @JSProperty int getY(); @JSProperty void setY(int v);
        @JSProperty int getX(); @JSProperty void setX(int v);
        @JSProperty int getTop(); @JSProperty void setTop(int v);
        @JSProperty int getLeft(); @JSProperty void setLeft(int v);
        @JSProperty int getSize(); @JSProperty void setSize(int v);
        @JSProperty Float64Array getField(); @JSProperty void setField(Float64Array v);
        @JSProperty Float64Array getKernel(); @JSProperty void setKernel(Float64Array v);
        @JSProperty Float64Array getProducts(); @JSProperty void setProducts(Float64Array v);
        @JSProperty double getBias(); @JSProperty void setBias(double v);
        @JSProperty double getSum(); @JSProperty void setSum(double v);
        @JSProperty double getZ(); @JSProperty void setZ(double v);
        @JSProperty Float64Array getDLdW(); @JSProperty void setDLdW(Float64Array v);
        @JSProperty Float64Array getDLdWSum(); @JSProperty void setDLdWSum(Float64Array v);
        @JSProperty double getDLdW0(); @JSProperty void setDLdW0(double v);
        @JSProperty double getDLdW0Sum(); @JSProperty void setDLdW0Sum(double v);
        @JSProperty int getPositions(); @JSProperty void setPositions(int v);
        @JSProperty int getChannel(); @JSProperty void setChannel(int v);
        @JSProperty int getInY(); @JSProperty void setInY(int v);
        @JSProperty int getInX(); @JSProperty void setInX(int v);
        @JSProperty int getTerms(); @JSProperty void setTerms(int v);
        @JSProperty double getScatterSum(); @JSProperty void setScatterSum(double v);
        @JSProperty double getDLdAPrev(); @JSProperty void setDLdAPrev(double v);
        @JSProperty int getReachTop(); @JSProperty void setReachTop(int v);
        @JSProperty int getReachLeft(); @JSProperty void setReachLeft(int v);
        @JSProperty int getReachBottom(); @JSProperty void setReachBottom(int v);
        @JSProperty int getReachRight(); @JSProperty void setReachRight(int v);
        @JSProperty Float64Array getWindow(); @JSProperty void setWindow(Float64Array v);
        @JSProperty Float64Array getDLdWindow(); @JSProperty void setDLdWindow(Float64Array v);
        @JSProperty int getArgmax(); @JSProperty void setArgmax(int v);
        @JSProperty double getDLdOut(); @JSProperty void setDLdOut(double v);
    }
    @JSBody(script = "return {};")
    public static native Focus focus();

    /** A recurrent layer of one sample through time (the engine's ExplainTime, field for field). */
    public interface Time extends JSObject {
        @JSProperty String getCell(); @JSProperty void setCell(String v);
        @JSProperty int getInputs(); @JSProperty void setInputs(int v);
        @JSProperty int getHidden(); @JSProperty void setHidden(int v);
        @JSProperty int getSteps(); @JSProperty void setSteps(int v);
        @JSProperty int getGates(); @JSProperty void setGates(int v);
        @JSProperty boolean isSequences(); @JSProperty void setSequences(boolean v);
        @JSProperty String[] getGateNames(); @JSProperty void setGateNames(String[] v);
        @JSProperty String[] getStateNames(); @JSProperty void setStateNames(String[] v);
        @JSProperty Float64Array getX(); @JSProperty void setX(Float64Array v);
        @JSProperty Float64Array getH(); @JSProperty void setH(Float64Array v);
        @JSProperty Float64Array getA(); @JSProperty void setA(Float64Array v);
        @JSProperty Float64Array getState(); @JSProperty void setState(Float64Array v);
        @JSProperty Float64Array getDLdhOwn(); @JSProperty void setDLdhOwn(Float64Array v);
        @JSProperty Float64Array getDLdh(); @JSProperty void setDLdh(Float64Array v);
        @JSProperty Float64Array getDLda(); @JSProperty void setDLda(Float64Array v);
        @JSProperty Float64Array getW(); @JSProperty void setW(Float64Array v);
        @JSProperty Float64Array getWh(); @JSProperty void setWh(Float64Array v);
        @JSProperty Float64Array getW0(); @JSProperty void setW0(Float64Array v);
        @JSProperty Float64Array getDLdW(); @JSProperty void setDLdW(Float64Array v);
        @JSProperty Float64Array getDLdWh(); @JSProperty void setDLdWh(Float64Array v);
        @JSProperty Float64Array getDLdW0(); @JSProperty void setDLdW0(Float64Array v);
    }
    @JSBody(script = "return {};")
    public static native Time time();

    /** The batch view: the last layer's dL/dW per sample (flat), their sum or mean, the batch's own, the largest difference. */
    public interface Batch extends JSObject {
        @JSProperty int getSamples(); @JSProperty void setSamples(int v);
        @JSProperty int getM(); @JSProperty void setM(int v);
        @JSProperty int getN(); @JSProperty void setN(int v);
        @JSProperty boolean isMean(); @JSProperty void setMean(boolean v);
        @JSProperty Float64Array getPerSample(); @JSProperty void setPerSample(Float64Array v);
        @JSProperty Float64Array getSum(); @JSProperty void setSum(Float64Array v);
        @JSProperty Float64Array getBatch(); @JSProperty void setBatch(Float64Array v);
        @JSProperty double getMaxDifference(); @JSProperty void setMaxDifference(double v);
    }
    @JSBody(script = "return {};")
    public static native Batch batch();
}
