// Interrupt counts for /proc/interrupts: the console's serial line (ttyS0, IRQ 4) counts one
// interrupt per burst of input from the host's terminal; the timer's count is the tick count.
export const irqCounts = { serial: 0 };
