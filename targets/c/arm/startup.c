/* Bare-metal start for the Cortex-M4F under QEMU (mps2-an386): a vector table of our own, a reset handler that
 * enables the FPU (newlib's crt0 does not, and a hard-float program then locks up), zeroes .bss, paints the
 * stack (for its high-water mark), starts semihosting and SysTick, then runs main with the arguments given
 * after QEMU's -append. A HardFault prints the fault registers; without one a fault shows only as a lockup. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern uint32_t __bss_start__, __bss_end__, __stack_bottom__, __stack_top__, __data_start__, end;
extern int main(int argc, char** argv);
extern void initialise_monitor_handles(void);

#define REG(addr) (*(volatile uint32_t*)(addr))
#define CPACR REG(0xE000ED88)
#define SYST_CSR REG(0xE000E010)
#define SYST_RVR REG(0xE000E014)
#define SYST_CVR REG(0xE000E018)
#define STACK_PAINT 0xC0FFEE11u

/* SysTick runs on the 25 MHz CPU clock; QEMU's -icount shift=UVPF_ICOUNT_SHIFT makes each instruction last
 * 2^shift ns of virtual time, so instructions = ticks * 40 / 2^shift whatever the machine QEMU runs on. */
#ifndef UVPF_ICOUNT_SHIFT
#define UVPF_ICOUNT_SHIFT 5
#endif
static volatile uint32_t systick_wraps = 0;

void uvpf_systick(void) { systick_wraps++; }

uint64_t uvpf_systick_instructions(void) {
  uint32_t w1, w2, v;
  do {
    w1 = systick_wraps;
    v = SYST_CVR;
    w2 = systick_wraps;
  } while (w1 != w2);
  uint64_t ticks = ((uint64_t)w1 << 24) + (0xFFFFFFu - v);
  return ticks * 40u / (1u << UVPF_ICOUNT_SHIFT);
}

static void print_hex(const char* name, uint32_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%s=%08lx ", name, (unsigned long)v);
  fputs(buf, stderr);
}

void uvpf_hard_fault(void) {
  print_hex("CFSR", REG(0xE000ED28));
  print_hex("HFSR", REG(0xE000ED2C));
  print_hex("MMFAR", REG(0xE000ED34));
  print_hex("BFAR", REG(0xE000ED38));
  fputs("uvpf: HardFault\n", stderr);
  exit(70);
}

/** Bytes of the stack ever used (the paint that was overwritten). */
uint32_t uvpf_stack_high_water(void) {
  uint32_t* p = &__stack_bottom__;
  while (p < &__stack_top__ && *p == STACK_PAINT) p++;
  return (uint32_t)((char*)&__stack_top__ - (char*)p);
}

/* Arguments come from QEMU's -append through the semihosting SYS_GET_CMDLINE call. */
static int command_line(char* buf, int cap, char** argv, int max_args) {
  struct { char* buf; int len; } block = {buf, cap - 1};
  register int op __asm__("r0") = 0x15;
  register void* arg __asm__("r1") = &block;
  __asm__ volatile("bkpt 0xab" : "+r"(op) : "r"(arg) : "memory");
  if (op != 0) return 0;
  buf[block.len] = 0;
  int argc = 0;
  for (char* p = buf; *p && argc < max_args;) {
    while (*p == ' ') *p++ = 0;
    if (!*p) break;
    argv[argc++] = p;
    while (*p && *p != ' ') p++;
  }
  return argc;
}

void uvpf_reset(void) {
  CPACR |= 0xFu << 20; /* CP10, CP11: full access to the FPU */
  __asm__ volatile("dsb\n isb");
  for (uint32_t* p = &__bss_start__; p < &__bss_end__; p++) *p = 0;
  /* Paint the stack below the current frame (the reset handler runs near its top). */
  uint32_t* sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  for (uint32_t* p = &__stack_bottom__; p < sp - 64; p++) *p = STACK_PAINT;
  initialise_monitor_handles();
  SYST_RVR = 0xFFFFFFu;
  SYST_CVR = 0;
  SYST_CSR = 7; /* CPU clock, interrupt on wrap, enabled */
  static char cmdline[512];
  static char* argv[8];
  int argc = command_line(cmdline, sizeof cmdline, argv, 8);
  int code = main(argc, argv);
  fprintf(stderr, "UVPF-MEMORY stack=%lu heap=%lu\n", (unsigned long)uvpf_stack_high_water(), (unsigned long)((char*)sbrk(0) - (char*)&end));
  exit(code);
}

static void uvpf_default(void) {
  fputs("uvpf: unexpected interrupt\n", stderr);
  exit(70);
}

void _init(void) {}
void _fini(void) {}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
  (void (*)(void))&__stack_top__, uvpf_reset, uvpf_default, uvpf_hard_fault, uvpf_hard_fault, uvpf_hard_fault,
  uvpf_hard_fault, 0, 0, 0, 0, uvpf_default, uvpf_default, 0, uvpf_default, uvpf_systick,
};
