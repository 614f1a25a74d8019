package org.labpose.net.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * DeepLabCut's loss: sigmoid cross-entropy on the score maps (weighted, averaged over weighted
 * cells) plus {@code locrefWeight} times a Huber loss on the refinement offsets (averaged over the
 * cells near labelled keypoints). Labels: score target, score weight, offset target, offset weight.
 * A bottom-up multi-animal network adds a Huber loss on its part-affinity fields (labels: field
 * target, field weight), summed over weighted cells and divided by the number of cells on a bone, so
 * that the many cells away from animals (target 0) do not drown the bones.
 */
final class PoseLoss extends Loss {
  private final int k;
  private final float locrefWeight;
  private final int pafEdges;
  private final int identities;

  PoseLoss(int keypoints, double locrefWeight) {
    this(keypoints, locrefWeight, 0, 0);
  }

  PoseLoss(int keypoints, double locrefWeight, int pafEdges, int identities) {
    super("PoseLoss");
    this.k = keypoints;
    this.locrefWeight = (float) locrefWeight;
    this.pafEdges = pafEdges;
    this.identities = identities;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray out = predictions.singletonOrThrow();
    NDArray logits = out.get(":, 0:" + k);
    NDArray loc = out.get(":, " + k + ":" + 3 * k);
    NDArray t = labels.get(0);
    NDArray w = labels.get(1);
    NDArray lt = labels.get(2);
    NDArray lw = labels.get(3);
    // stable BCE with logits: max(z, 0) - z t + log(1 + exp(-|z|))
    NDArray bce = logits.maximum(0).sub(logits.mul(t)).add(logits.abs().neg().exp().add(1f).log());
    NDArray score = bce.mul(w).sum().div(w.sum().maximum(1f));
    NDArray d = loc.sub(lt).abs();
    NDArray q = d.minimum(1f);
    NDArray huber = q.square().mul(0.5f).add(d.sub(q));
    NDArray locref = huber.mul(lw).sum().div(lw.sum().maximum(1f));
    NDArray total = score.add(locref.mul(locrefWeight));
    if (pafEdges > 0) {
      NDArray paf = out.get(":, " + 3 * k + ":" + (3 * k + 2 * pafEdges));
      NDArray pt = labels.get(4);
      NDArray pw = labels.get(5);
      NDArray pd = paf.sub(pt).abs();
      NDArray pq = pd.minimum(1f);
      NDArray ph = pq.square().mul(0.5f).add(pd.sub(pq));
      NDArray onBone = pt.abs().gt(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sum();
      total = total.add(ph.mul(pw).sum().div(onBone.maximum(1f)));
    }
    if (identities > 0) {
      int c0 = 3 * k + 2 * pafEdges;
      NDArray idLogits = out.get(":, " + c0 + ":" + (c0 + identities));
      NDArray it = labels.get(6);
      NDArray iw = labels.get(7);
      // softmax cross-entropy over the individuals, at the cells near a labelled keypoint
      NDArray ce = idLogits.logSoftmax(1).mul(it).sum(new int[] {1}, true).neg();
      total = total.add(ce.mul(iw).sum().div(iw.sum().maximum(1f)));
    }
    return total;
  }
}
