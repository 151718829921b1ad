package io.modelfleet.loadgen;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an ONNX ModelProto by hand, field by field, so tests need no downloaded model and no generated protobuf
 * classes. Only what the test models use is here: a graph of nodes with int/float/int-list attributes, tensor
 * initializers as little-endian {@code raw_data}, and typed inputs/outputs whose first dimension may be symbolic.
 *
 * <p>Field numbers are those of onnx.proto (ModelProto.graph = 7, GraphProto.node = 1, and so on); each constant
 * below names the message and field it encodes.
 */
final class OnnxGraph {

    /** TensorProto.DataType values. */
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;
    static final int INT64 = 7;

    // ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    // OperatorSetIdProto
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    // AttributeProto and its AttributeType values
    private static final int ATTR_NAME = 1;
    private static final int ATTR_I = 3;
    private static final int ATTR_INTS = 8;
    private static final int ATTR_TYPE = 20;
    private static final int ATTR_TYPE_INT = 2;
    private static final int ATTR_TYPE_INTS = 7;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto, TensorShapeProto.Dimension
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    /** IR version 8 and opset 17: both well inside what ONNX Runtime 1.20 reads. */
    private static final long IR_VERSION = 8;
    private static final long OPSET = 17;

    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private int nodeCount;

    /** A graph input or output; a dimension of -1 is written as the symbolic batch dimension "N". */
    OnnxGraph input(String name, int elemType, long... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    OnnxGraph output(String name, int elemType, long... dims) {
        outputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    OnnxGraph floats(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        return tensor(name, FLOAT, raw.array(), dims);
    }

    OnnxGraph int8s(String name, byte[] values, long... dims) {
        return tensor(name, INT8, values.clone(), dims);
    }

    OnnxGraph node(String opType, List<String> in, List<String> out, Attribute... attributes) {
        Message node = new Message();
        in.forEach(name -> node.string(NODE_INPUT, name));
        out.forEach(name -> node.string(NODE_OUTPUT, name));
        node.string(NODE_NAME, opType.toLowerCase() + "_" + nodeCount++);
        node.string(NODE_OP_TYPE, opType);
        for (Attribute attribute : attributes) {
            node.message(NODE_ATTRIBUTE, attribute.encode());
        }
        nodes.add(node.bytes());
        return this;
    }

    byte[] model(String graphName) {
        Message graph = new Message();
        nodes.forEach(node -> graph.message(GRAPH_NODE, node));
        graph.string(GRAPH_NAME, graphName);
        initializers.forEach(tensor -> graph.message(GRAPH_INITIALIZER, tensor));
        inputs.forEach(input -> graph.message(GRAPH_INPUT, input));
        outputs.forEach(output -> graph.message(GRAPH_OUTPUT, output));

        Message opset = new Message().string(OPSET_DOMAIN, "").int64(OPSET_VERSION, OPSET);
        return new Message()
                .int64(MODEL_IR_VERSION, IR_VERSION)
                .string(MODEL_PRODUCER_NAME, "modelfleet-tests")
                .message(MODEL_GRAPH, graph.bytes())
                .message(MODEL_OPSET_IMPORT, opset.bytes())
                .bytes();
    }

    private OnnxGraph tensor(String name, int dataType, byte[] raw, long... dims) {
        Message tensor = new Message();
        for (long dim : dims) {
            tensor.int64(TENSOR_DIMS, dim);
        }
        tensor.int64(TENSOR_DATA_TYPE, dataType).string(TENSOR_NAME, name).raw(TENSOR_RAW_DATA, raw);
        initializers.add(tensor.bytes());
        return this;
    }

    private static byte[] valueInfo(String name, int elemType, long... dims) {
        Message shape = new Message();
        for (long dim : dims) {
            Message dimension = dim < 0 ? new Message().string(DIM_PARAM, "N") : new Message().int64(DIM_VALUE, dim);
            shape.message(SHAPE_DIM, dimension.bytes());
        }
        Message tensorType = new Message().int64(TENSOR_TYPE_ELEM_TYPE, elemType)
                .message(TENSOR_TYPE_SHAPE, shape.bytes());
        Message type = new Message().message(TYPE_TENSOR_TYPE, tensorType.bytes());
        return new Message().string(VALUE_INFO_NAME, name).message(VALUE_INFO_TYPE, type.bytes()).bytes();
    }

    /** A node attribute: an int ({@code to} of Cast) or a list of ints ({@code axes} of ReduceMean). */
    record Attribute(String name, long[] ints, boolean list) {

        static Attribute of(String name, long value) {
            return new Attribute(name, new long[] {value}, false);
        }

        static Attribute ofList(String name, long... values) {
            return new Attribute(name, values, true);
        }

        byte[] encode() {
            Message attribute = new Message().string(ATTR_NAME, name);
            if (list) {
                for (long value : ints) {
                    attribute.int64(ATTR_INTS, value);
                }
                return attribute.int64(ATTR_TYPE, ATTR_TYPE_INTS).bytes();
            }
            return attribute.int64(ATTR_I, ints[0]).int64(ATTR_TYPE, ATTR_TYPE_INT).bytes();
        }
    }

    /** One protobuf message being written; nested messages are written as length-delimited bytes. */
    private static final class Message {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

        Message string(int field, String value) {
            return write(() -> out.writeString(field, value));
        }

        Message int64(int field, long value) {
            return write(() -> out.writeInt64(field, value));
        }

        Message message(int field, byte[] encoded) {
            return write(() -> out.writeByteArray(field, encoded));
        }

        Message raw(int field, byte[] value) {
            return write(() -> out.writeByteArray(field, value));
        }

        byte[] bytes() {
            write(out::flush);
            return buffer.toByteArray();
        }

        private Message write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
