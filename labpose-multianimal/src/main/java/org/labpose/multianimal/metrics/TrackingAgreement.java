package org.labpose.multianimal.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.labpose.multianimal.Matching;

/**
 * How well tracks follow reference tracks. A reference animal and a tracked animal correspond in a
 * frame when the mean distance of their shared keypoints is at most {@code thresholdPx}.
 *
 * <ul>
 *   <li>CLEAR MOT (Bernardin and Stiefelhagen 2008, "Evaluating multiple object tracking performance:
 *       the CLEAR MOT metrics"): frame by frame, correspondences of the previous frame are kept while
 *       still within the threshold, the rest are matched by the Hungarian algorithm on distance. Misses
 *       (reference animals without a match), false positives (tracked animals without one) and identity
 *       switches (a reference animal matched to another track than at its last match) give
 *       MOTA = 1 - (misses + false positives + switches) / reference detections. A fragmentation is a
 *       reference trajectory that is tracked again after having been lost (counted as py-motmetrics does).
 *   <li>Identity measures (Ristani et al. 2016, "Performance measures and a data set for multi-target,
 *       multi-camera tracking"): reference and tracked trajectories are paired one-to-one for the whole
 *       video to maximise the frames where the pair corresponds (IDTP);
 *       IDF1 = 2 IDTP / (2 IDTP + IDFP + IDFN), IDFP and IDFN being the tracked and reference detections
 *       outside those frames.
 * </ul>
 *
 * @param referenceDetections animal-frames in the reference
 * @param testDetections animal-frames in the tracks
 * @param misses reference animal-frames without a match (CLEAR MOT)
 * @param falsePositives tracked animal-frames without a match
 * @param switches identity switches
 * @param fragmentations times a lost reference trajectory is tracked again
 * @param mota multiple object tracking accuracy (1 is perfect; can be negative)
 * @param idtp, idfp, idfn identity true positives, false positives and false negatives
 * @param idf1 identity F1 score, 0..1
 * @param meanErrorPx mean keypoint distance (px) of the corresponding animals (CLEAR MOT's matches),
 *     over the keypoints both have: the pose error where the tracks follow the reference
 * @param perIndividual per reference individual
 */
public record TrackingAgreement(
    int referenceDetections,
    int testDetections,
    int misses,
    int falsePositives,
    int switches,
    int fragmentations,
    double mota,
    int idtp,
    int idfp,
    int idfn,
    double idf1,
    double meanErrorPx,
    List<Individual> perIndividual) {

  /**
   * One reference individual.
   *
   * @param name its name in the reference
   * @param matchedTrack the track paired with it by the identity measures (null when none)
   * @param frames frames where it is present
   * @param idtp frames where the paired track corresponds to it
   * @param switches identity switches on it
   * @param fragmentations times it was tracked again after being lost
   * @param misses frames where nothing matched it
   */
  public record Individual(String name, String matchedTrack, int frames, int idtp, int switches, int fragmentations,
      int misses) {
    /** Identity recall: the share of its frames followed by its paired track. */
    public double idRecall() {
      return frames == 0 ? Double.NaN : idtp / (double) frames;
    }
  }

  /** Identity switches per 1,000 reference frames (frames in which the reference has any animal). */
  public double switchesPerThousandFrames(int frames) {
    return frames == 0 ? Double.NaN : 1000.0 * switches / frames;
  }

  /** Compares {@code test} with {@code ref}; both must have the same number of frames. */
  public static TrackingAgreement compute(TrackSet ref, TrackSet test, double thresholdPx) {
    if (ref.frames() != test.frames() && ref.names().size() > 0 && test.names().size() > 0) {
      throw new IllegalArgumentException(
          "the reference has " + ref.frames() + " frames but the tracks have " + test.frames());
    }
    if (!(thresholdPx > 0)) {
      throw new IllegalArgumentException("the distance threshold must be positive, got " + thresholdPx);
    }
    int nr = ref.names().size();
    int nt = test.names().size();
    int frames = Math.max(ref.frames(), test.frames());
    int refDet = 0;
    int testDet = 0;
    int misses = 0;
    int fps = 0;
    int switches = 0;
    int frags = 0;
    int[] lastMatch = new int[nr];
    Arrays.fill(lastMatch, -1);
    boolean[] trackedBefore = new boolean[nr];
    boolean[] lostSinceTracked = new boolean[nr];
    int[] indSwitches = new int[nr];
    int[] indFrags = new int[nr];
    int[] indMisses = new int[nr];
    int[] indFrames = new int[nr];
    int[] prev = new int[nr];
    Arrays.fill(prev, -1);
    int[][] pairFrames = new int[nr][nt];
    double errSum = 0;
    long errN = 0;
    for (int f = 0; f < frames; f++) {
      List<Integer> rs = new ArrayList<>();
      List<Integer> ts = new ArrayList<>();
      for (int r = 0; r < nr; r++) {
        if (ref.present(r, f)) {
          rs.add(r);
        }
      }
      for (int t = 0; t < nt; t++) {
        if (test.present(t, f)) {
          ts.add(t);
        }
      }
      refDet += rs.size();
      testDet += ts.size();
      double[][] d = new double[nr][nt];
      for (int r : rs) {
        indFrames[r]++;
        for (int t : ts) {
          d[r][t] = TrackSet.distance(ref.xy()[r][f], test.xy()[t][f]);
          if (d[r][t] <= thresholdPx) {
            pairFrames[r][t]++;
          }
        }
      }
      // CLEAR MOT: keep last frame's correspondences that still hold, match the rest.
      int[] match = new int[nr];
      Arrays.fill(match, -1);
      boolean[] usedT = new boolean[nt];
      for (int r : rs) {
        int t = prev[r];
        if (t >= 0 && ts.contains(t) && !usedT[t] && d[r][t] <= thresholdPx) {
          match[r] = t;
          usedT[t] = true;
        }
      }
      List<Integer> freeR = new ArrayList<>();
      List<Integer> freeT = new ArrayList<>();
      for (int r : rs) {
        if (match[r] < 0) {
          freeR.add(r);
        }
      }
      for (int t : ts) {
        if (!usedT[t]) {
          freeT.add(t);
        }
      }
      if (!freeR.isEmpty() && !freeT.isEmpty()) {
        double[][] c = new double[freeR.size()][freeT.size()];
        for (int i = 0; i < c.length; i++) {
          for (int j = 0; j < c[i].length; j++) {
            double v = d[freeR.get(i)][freeT.get(j)];
            c[i][j] = v <= thresholdPx ? v : 1e9;
          }
        }
        for (int[] p : Matching.minimumAssignment(c)) {
          if (c[p[0]][p[1]] < 1e9) {
            match[freeR.get(p[0])] = freeT.get(p[1]);
            usedT[freeT.get(p[1])] = true;
          }
        }
      }
      Arrays.fill(prev, -1);
      for (int r : rs) {
        int t = match[r];
        if (t >= 0) {
          double[][] a = ref.xy()[r][f];
          double[][] b = test.xy()[t][f];
          for (int k = 0; k < a.length; k++) {
            if (!Double.isNaN(a[k][0]) && !Double.isNaN(b[k][0])) {
              errSum += Math.hypot(a[k][0] - b[k][0], a[k][1] - b[k][1]);
              errN++;
            }
          }
        }
        if (t < 0) {
          misses++;
          indMisses[r]++;
          if (trackedBefore[r]) {
            lostSinceTracked[r] = true;
          }
          continue;
        }
        if (lastMatch[r] >= 0 && lastMatch[r] != t) {
          switches++;
          indSwitches[r]++;
        }
        if (lostSinceTracked[r]) {
          frags++;
          indFrags[r]++;
          lostSinceTracked[r] = false;
        }
        trackedBefore[r] = true;
        lastMatch[r] = t;
        prev[r] = t;
      }
      for (int t : ts) {
        if (!usedT[t]) {
          fps++;
        }
      }
    }
    // Identity measures: one-to-one pairing of whole trajectories maximising shared frames.
    int idtp = 0;
    String[] paired = new String[nr];
    int[] indIdtp = new int[nr];
    if (nr > 0 && nt > 0) {
      double[][] w = new double[nr][nt];
      for (int r = 0; r < nr; r++) {
        for (int t = 0; t < nt; t++) {
          w[r][t] = pairFrames[r][t];
        }
      }
      for (int[] p : Matching.maximumAssignment(w)) {
        if (pairFrames[p[0]][p[1]] > 0) {
          idtp += pairFrames[p[0]][p[1]];
          paired[p[0]] = test.names().get(p[1]);
          indIdtp[p[0]] = pairFrames[p[0]][p[1]];
        }
      }
    }
    int idfp = testDet - idtp;
    int idfn = refDet - idtp;
    double idf1 = refDet + testDet == 0 ? Double.NaN : 2.0 * idtp / (2.0 * idtp + idfp + idfn);
    double mota = refDet == 0 ? Double.NaN : 1 - (misses + fps + switches) / (double) refDet;
    List<Individual> per = new ArrayList<>();
    for (int r = 0; r < nr; r++) {
      per.add(new Individual(ref.names().get(r), paired[r], indFrames[r], indIdtp[r], indSwitches[r], indFrags[r],
          indMisses[r]));
    }
    return new TrackingAgreement(refDet, testDet, misses, fps, switches, frags, mota, idtp, idfp, idfn, idf1,
        errN == 0 ? Double.NaN : errSum / errN, per);
  }
}
