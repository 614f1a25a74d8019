package org.labpose.net.pretrained;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a TensorFlow.js model: a weights manifest (names, shapes, dtypes, optional
 * quantisation) and the concatenated binary shards. Decodes float32, float16 and uint8/uint16
 * quantised values ({@code value = min + scale · q}). Also reads the JavaScript-module packaging
 * that some npm packages use (the model as an object literal, shards as base64 strings).
 */
public final class TfjsWeights {
  /** One tensor: name, shape in TensorFlow's order, values. */
  public record Tensor(String name, int[] shape, float[] values) {}

  private final Map<String, Tensor> tensors;

  private TfjsWeights(Map<String, Tensor> tensors) {
    this.tensors = tensors;
  }

  /** Tensors by name, in manifest order. */
  public Map<String, Tensor> tensors() {
    return tensors;
  }

  /** A tensor, or an exception naming it. */
  public Tensor get(String name) throws IOException {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IOException("the pretrained model has no tensor '" + name + "'");
    }
    return t;
  }

  private static final ObjectMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .build();

  /**
   * Decodes weights from a manifest (the {@code weightsManifest} array of a model.json) and the
   * shards' bytes concatenated in manifest order.
   */
  public static TfjsWeights decode(JsonNode manifest, byte[] data) throws IOException {
    Map<String, Tensor> out = new LinkedHashMap<>();
    int offset = 0;
    for (JsonNode group : manifest) {
      for (JsonNode w : group.get("weights")) {
        String name = w.get("name").asText();
        JsonNode shapeNode = w.get("shape");
        int[] shape = new int[shapeNode.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
          shape[i] = shapeNode.get(i).asInt();
          n *= shape[i];
        }
        String dtype = w.get("dtype").asText();
        JsonNode q = w.get("quantization");
        // the stored encoding: quantised (uint8/uint16 with min + scale·q, or float16), else the dtype itself
        String enc = q != null ? q.get("dtype").asText() : dtype;
        int bytes = switch (enc) {
          case "uint8" -> 1;
          case "uint16", "float16" -> 2;
          case "float32", "int32" -> 4;
          default -> throw new IOException("tensor '" + name + "': unsupported dtype " + enc);
        };
        need(data, offset, bytes * n, name);
        ByteBuffer b = ByteBuffer.wrap(data, offset, (int) (bytes * n)).order(ByteOrder.LITTLE_ENDIAN);
        double min = q != null && q.has("min") ? q.get("min").asDouble() : 0;
        double scale = q != null && q.has("scale") ? q.get("scale").asDouble() : 1;
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) {
          v[i] = switch (enc) {
            case "uint8" -> (float) (min + scale * (b.get() & 0xff));
            case "uint16" -> (float) (min + scale * (b.getShort() & 0xffff));
            case "float16" -> halfToFloat(b.getShort());
            case "float32" -> b.getFloat();
            default -> b.getInt();
          };
        }
        offset += bytes * n;
        out.put(name, new Tensor(name, shape, v));
      }
    }
    if (offset != data.length) {
      throw new IOException("the weight shards hold " + data.length + " bytes but the manifest describes " + offset);
    }
    return new TfjsWeights(out);
  }

  /** IEEE 754 half precision to float. */
  static float halfToFloat(short h) {
    return org.labpose.core.io.npy.Npz.halfToFloat(h);
  }

  private static void need(byte[] data, long offset, long n, String name) throws IOException {
    if (offset + n > data.length) {
      throw new IOException("the weight shards end inside tensor '" + name + "'");
    }
  }

  /** Parses a JavaScript object literal or JSON (unquoted keys, {@code !0}/{@code !1} booleans). */
  public static JsonNode parseLenient(String js) throws IOException {
    return LENIENT.readTree(fixMinifiedBooleans(js));
  }

  /** Replaces minified {@code !0} / {@code !1} with {@code true} / {@code false} outside strings. */
  static String fixMinifiedBooleans(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        sb.append(c);
        if (c == '\\' && i + 1 < s.length()) {
          sb.append(s.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        sb.append(c);
      } else if (c == '!' && i + 1 < s.length() && (s.charAt(i + 1) == '0' || s.charAt(i + 1) == '1')) {
        sb.append(s.charAt(i + 1) == '0' ? "true" : "false");
        i++;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * The value of {@code module.exports = ...} / {@code h.exports = ...} in a browserified module:
   * the text of the first object literal or string literal assigned to {@code exports}.
   */
  static String moduleExport(String js) throws IOException {
    int i = js.indexOf(".exports=");
    while (i >= 0) {
      int start = i + ".exports=".length();
      char c = js.charAt(start);
      if (c == '{' || c == '"') {
        return c == '"' ? js.substring(start + 1, js.indexOf('"', start + 1)) : js.substring(start, matchBrace(js, start) + 1);
      }
      i = js.indexOf(".exports=", start);
    }
    throw new IOException("no exported object or string found in the JavaScript module");
  }

  private static int matchBrace(String s, int open) throws IOException {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    throw new IOException("unbalanced braces in the JavaScript module");
  }

  /** Reads the JavaScript-module packaging: a model module and its shard modules (base64 strings). */
  public static TfjsWeights fromJsModules(String modelJs, List<String> shardJs) throws IOException {
    JsonNode model = parseLenient(moduleExport(modelJs));
    JsonNode manifest = model.get("weightsManifest");
    if (manifest == null) {
      throw new IOException("the model module has no weightsManifest");
    }
    List<byte[]> parts = new ArrayList<>();
    int total = 0;
    for (String s : shardJs) {
      byte[] b = Base64.getDecoder().decode(moduleExport(s));
      parts.add(b);
      total += b.length;
    }
    byte[] all = new byte[total];
    int o = 0;
    for (byte[] b : parts) {
      System.arraycopy(b, 0, all, o, b.length);
      o += b.length;
    }
    return decode(manifest, all);
  }
}
