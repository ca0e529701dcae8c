/**
 * Data: IDX (Fashion-MNIST, MNIST) and CIFAR binary readers, the synthetic teacher task, seeded
 * augmentation (random crop, flip, MixUp, label smoothing, a fixed pixel permutation), and batches
 * made deterministically from (seed, epoch, index) on a background thread. Nothing is downloaded:
 * files are read from where they are installed.
 */
package io.einstruct.train.data;
