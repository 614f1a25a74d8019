// Computes reference feature maps of nsfwjs' MobileNetV2 (TensorFlow.js, CPU backend) for a fixed input.
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');
const fs = require('fs');
const dir = process.argv[2];
const topo = require(dir + '/model.min.js');
const b64 = require(dir + '/group1-shard1of1.min.js');
const buf = Buffer.from(b64, 'base64');
const weightData = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
const specs = [];
for (const g of topo.weightsManifest) for (const w of g.weights) specs.push(w);
(async () => {
  await tf.setBackend('cpu');
  const model = await tfl.loadLayersModel({ load: async () => ({ modelTopology: topo.modelTopology, weightSpecs: specs, weightData }) });
  const H = 224, W = 224;
  const data = new Float32Array(H * W * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++)
    data[(y * W + x) * 3 + c] = (((x * 7 + y * 13 + c * 31) % 256) / 255);
  const input = tf.tensor4d(data, [1, H, W, 3]);
  const layers = process.argv.slice(4);
  for (const name of layers) {
    const sub = tfl.model({ inputs: model.inputs, outputs: model.getLayer(name).output });
    const out = sub.predict(input);
    const arr = await out.data();
    fs.writeFileSync(process.argv[3] + '/' + name + '.f32', Buffer.from(new Float32Array(arr).buffer));
    console.log(name, out.shape.join('x'));
  }
})();
