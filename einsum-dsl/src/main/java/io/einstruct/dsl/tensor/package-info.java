/**
 * Named float tensors and the safetensors file format (Hugging Face's: an 8-byte little-endian
 * header length, a JSON header of dtypes, shapes and offsets, then little-endian data), the way
 * einstruct hands a structure's factors to other tools and reads dense weights to project.
 */
package io.einstruct.dsl.tensor;
