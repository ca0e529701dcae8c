package io.einstruct.train.tf;

import static org.tensorflow.internal.c_api.global.tensorflow.TFE_ContextListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;

import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TFE_Context;
import org.tensorflow.internal.c_api.TFE_ContextOptions;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * The devices TensorFlow can place a graph on. TensorFlow Java 1.1 has no public call that lists
 * them, so this asks the C API (an eager context's device list) once, the first time a GPU is
 * wanted; soft placement would otherwise run a "GPU" run on the CPU without a word.
 */
public final class Devices {
  private Devices() {}

  /** The number of GPUs TensorFlow sees. */
  public static int gpus() {
    return Count.GPUS;
  }

  /** Holds the count, asked for once, on first use. */
  private static final class Count {
    static final int GPUS = countGpus();
  }

  private static int countGpus() {
    TensorFlow.version(); // loads the native library
    TF_Status status = TF_NewStatus();
    TFE_ContextOptions options = TFE_NewContextOptions();
    try {
      TFE_Context context = TFE_NewContext(options, status);
      if (TF_GetCode(status) != TF_OK) {
        return 0;
      }
      try {
        TF_DeviceList list = TFE_ContextListDevices(context, status);
        try {
          int gpus = 0;
          for (int i = 0; i < TF_DeviceListCount(list); i++) {
            if ("GPU".equals(TF_DeviceListType(list, i, status).getString())) {
              gpus++;
            }
          }
          return gpus;
        } finally {
          TF_DeleteDeviceList(list);
        }
      } finally {
        TFE_DeleteContext(context);
      }
    } finally {
      TFE_DeleteContextOptions(options);
      TF_DeleteStatus(status);
    }
  }
}
