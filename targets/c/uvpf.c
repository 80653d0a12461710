/* Instantiation of the translated firmware. */
#include "uvpf.h"

Z_uvpf_instance_t uvpf;

void uvpf_start(void) {
  wasm_rt_init();
  Z_uvpf_init_module();
  Z_uvpf_instantiate(&uvpf);
}
