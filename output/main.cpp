#include <stdlib.h>
#include "objects.h"
#include <ctime>
#include <time.h>

#include "run.h"
#include "brianlib/common_math.h"
#include "randomkit.h"

#include "code_objects/neurongroup_1_spike_resetter_codeobject.h"
#include "code_objects/neurongroup_1_spike_thresholder_codeobject.h"
#include "code_objects/after_run_neurongroup_1_spike_thresholder_codeobject.h"
#include "code_objects/neurongroup_1_stateupdater_codeobject.h"
#include "code_objects/spikegeneratorgroup_1_codeobject.h"
#include "code_objects/spikemonitor_1_codeobject.h"
#include "code_objects/synapses_1_pre_codeobject.h"
#include "code_objects/synapses_1_pre_push_spikes.h"
#include "code_objects/before_run_synapses_1_pre_push_spikes.h"
#include "code_objects/synapses_1_synapses_create_array_codeobject.h"


#include <iostream>
#include <fstream>
#include <string>




int main(int argc, char **argv)
{
        

	brian_start();
        

	{
		using namespace brian;

		
                
        _array_defaultclock_dt[0] = 0.0001;
        _array_defaultclock_dt[0] = 0.0001;
        _array_defaultclock_dt[0] = 0.001;
        _dynamic_array_spikegeneratorgroup_1_spike_number.resize(199586);
        
                        
                        for(int i=0; i<_dynamic_array_spikegeneratorgroup_1_spike_number.size(); i++)
                        {
                            _dynamic_array_spikegeneratorgroup_1_spike_number[i] = _static_array__dynamic_array_spikegeneratorgroup_1_spike_number[i];
                        }
                        
        _dynamic_array_spikegeneratorgroup_1_neuron_index.resize(199586);
        
                        
                        for(int i=0; i<_dynamic_array_spikegeneratorgroup_1_neuron_index.size(); i++)
                        {
                            _dynamic_array_spikegeneratorgroup_1_neuron_index[i] = _static_array__dynamic_array_spikegeneratorgroup_1_neuron_index[i];
                        }
                        
        _dynamic_array_spikegeneratorgroup_1_spike_time.resize(199586);
        
                        
                        for(int i=0; i<_dynamic_array_spikegeneratorgroup_1_spike_time.size(); i++)
                        {
                            _dynamic_array_spikegeneratorgroup_1_spike_time[i] = _static_array__dynamic_array_spikegeneratorgroup_1_spike_time[i];
                        }
                        
        _dynamic_array_spikegeneratorgroup_1__timebins.resize(199586);
        _array_spikegeneratorgroup_1__lastindex[0] = 0;
        _array_spikegeneratorgroup_1_period[0] = 0.0;
        
                        
                        for(int i=0; i<_num__array_synapses_1_sources; i++)
                        {
                            _array_synapses_1_sources[i] = _static_array__array_synapses_1_sources[i];
                        }
                        
        
                        
                        for(int i=0; i<_num__array_synapses_1_targets; i++)
                        {
                            _array_synapses_1_targets[i] = _static_array__array_synapses_1_targets[i];
                        }
                        
        _run_synapses_1_synapses_create_array_codeobject();
        _array_defaultclock_timestep[0] = 0;
        _array_defaultclock_t[0] = 0.0;
        _array_spikegeneratorgroup_1__lastindex[0] = 0;
        
                        
                        for(int i=0; i<_dynamic_array_spikegeneratorgroup_1__timebins.size(); i++)
                        {
                            _dynamic_array_spikegeneratorgroup_1__timebins[i] = _static_array__dynamic_array_spikegeneratorgroup_1__timebins[i];
                        }
                        
        _array_spikegeneratorgroup_1__period_bins[0] = 0.0;
        _before_run_synapses_1_pre_push_spikes();
        network_1.clear();
        network_1.add(&defaultclock, _run_neurongroup_1_stateupdater_codeobject);
        network_1.add(&defaultclock, _run_neurongroup_1_spike_thresholder_codeobject);
        network_1.add(&defaultclock, _run_spikegeneratorgroup_1_codeobject);
        network_1.add(&defaultclock, _run_spikemonitor_1_codeobject);
        network_1.add(&defaultclock, _run_synapses_1_pre_push_spikes);
        network_1.add(&defaultclock, _run_synapses_1_pre_codeobject);
        network_1.add(&defaultclock, _run_neurongroup_1_spike_resetter_codeobject);
        network_1.run(5.0, NULL, 10.0);
        _after_run_neurongroup_1_spike_thresholder_codeobject();
        #ifdef DEBUG
        _debugmsg_spikemonitor_1_codeobject();
        #endif
        
        #ifdef DEBUG
        _debugmsg_synapses_1_pre_codeobject();
        #endif

	}
        

	brian_end();
        

	return 0;
}