# Writes fixture.npz (numpy.savez): the arrays NpzTest expects.
import numpy as np
np.savez("fixture.npz",
         **{"conv1.weight": np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2) / 8,
            "bn1.running_var": np.array([0.5, 2.0], dtype=np.float64),
            "half": np.array([1.0, -2.0, 65504.0], dtype=np.float16),
            "scalar": np.float32(3.25)})
