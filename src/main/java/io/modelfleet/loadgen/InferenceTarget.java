package io.modelfleet.loadgen;

/**
 * What the load is put on: an ONNX model in this process, or a KServe v2 server. A target hands each requester
 * thread its own {@link Requester}, whose request is prepared once (random inputs, an encoded body), so the time
 * between two requests is only the loop's own.
 */
interface InferenceTarget extends AutoCloseable {

    /** The result document's {@code target}: {@code onnx} or {@code kserve-v2}. */
    String kind();

    /** The result document's {@code model}: the model file's path or the served model's name. */
    String model();

    /** The result document's {@code provider}: the execution provider, or {@code remote} when a server chooses it. */
    String provider();

    /** The {@code index}-th requester of a point at a batch size. */
    Requester requester(int batchSize, int index) throws TargetFailure;

    @Override
    void close();

    /** One requester's prepared request. */
    interface Requester extends AutoCloseable {

        /** Sends one request of a whole batch and waits for its answer; throws when the request failed. */
        void infer() throws Exception;

        @Override
        void close();
    }
}
