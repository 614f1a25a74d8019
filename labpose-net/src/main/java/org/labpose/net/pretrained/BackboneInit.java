package org.labpose.net.pretrained;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Copies stored backbone tensors into an initialised network, layer by layer: each convolution
 * weight, then its batch-norm gamma, beta, running mean and running variance. The head stays as
 * initialised. Shapes must agree exactly.
 */
public final class BackboneInit {
  private BackboneInit() {}

  /**
   * @return the number of parameters set
   * @throws IOException when the stored tensors do not fit the network
   */
  public static int apply(Block block, List<PretrainedStore.Stored> tensors) throws IOException {
    List<Pair<String, Parameter>> params = block.getParameters().stream().toList();
    int layers = tensors.size() / 5;
    int p = 0;
    int set = 0;
    for (int l = 0; l < layers; l++) {
      while (p < params.size() && !params.get(p).getKey().endsWith("weight")) {
        p++;
      }
      if (p >= params.size()) {
        throw new IOException("the network has fewer layers than the pretrained backbone (" + layers + ")");
      }
      setParam(params.get(p++), tensors.get(5 * l));
      set++;
      for (int j = 0; j < 4 && p < params.size(); j++, p++) {
        String key = params.get(p).getKey();
        int idx = key.endsWith("gamma") ? 1 : key.endsWith("beta") ? 2 : key.endsWith("runningMean") ? 3 : key.endsWith("runningVar") ? 4 : -1;
        if (idx < 0) {
          throw new IOException("expected batch-norm parameters after " + tensors.get(5 * l).name() + ", found " + key);
        }
        setParam(params.get(p), tensors.get(5 * l + idx));
        set++;
      }
    }
    return set;
  }

  private static void setParam(Pair<String, Parameter> param, PretrainedStore.Stored t) throws IOException {
    Shape want = param.getValue().getArray().getShape();
    if (!Arrays.equals(want.getShape(), t.shape())) {
      throw new IOException("pretrained tensor " + t.name() + " has shape " + Arrays.toString(t.shape())
          + " but the network's " + param.getKey() + " has " + want);
    }
    org.labpose.net.Engines.assign(param.getValue().getArray(), t.values());
  }
}
