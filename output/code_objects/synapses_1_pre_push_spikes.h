#ifndef _INCLUDED_synapses_1_pre_push_spikes
#define _INCLUDED_synapses_1_pre_push_spikes

void _run_synapses_1_pre_push_spikes();


#endif
