
#include "objects.h"
#include "synapses_classes.h"
#include "brianlib/clocks.h"
#include "brianlib/dynamic_array.h"
#include "brianlib/stdint_compat.h"
#include "network.h"
#include "randomkit.h"
#include<vector>
#include<iostream>
#include<fstream>

namespace brian {

std::vector< rk_state* > _mersenne_twister_states;

//////////////// networks /////////////////
Network network_1;

//////////////// arrays ///////////////////
double * _array_defaultclock_dt;
const int _num__array_defaultclock_dt = 1;
double * _array_defaultclock_t;
const int _num__array_defaultclock_t = 1;
int64_t * _array_defaultclock_timestep;
const int _num__array_defaultclock_timestep = 1;
int32_t * _array_neurongroup_1__spikespace;
const int _num__array_neurongroup_1__spikespace = 4001;
int32_t * _array_neurongroup_1_i;
const int _num__array_neurongroup_1_i = 4000;
double * _array_neurongroup_1_v;
const int _num__array_neurongroup_1_v = 4000;
int32_t * _array_spikegeneratorgroup_1__lastindex;
const int _num__array_spikegeneratorgroup_1__lastindex = 1;
int32_t * _array_spikegeneratorgroup_1__period_bins;
const int _num__array_spikegeneratorgroup_1__period_bins = 1;
int32_t * _array_spikegeneratorgroup_1__spikespace;
const int _num__array_spikegeneratorgroup_1__spikespace = 4001;
int32_t * _array_spikegeneratorgroup_1_i;
const int _num__array_spikegeneratorgroup_1_i = 4000;
double * _array_spikegeneratorgroup_1_period;
const int _num__array_spikegeneratorgroup_1_period = 1;
int32_t * _array_spikemonitor_1__source_idx;
const int _num__array_spikemonitor_1__source_idx = 4000;
int32_t * _array_spikemonitor_1_count;
const int _num__array_spikemonitor_1_count = 4000;
int32_t * _array_spikemonitor_1_N;
const int _num__array_spikemonitor_1_N = 1;
int32_t * _array_synapses_1_N;
const int _num__array_synapses_1_N = 1;
int32_t * _array_synapses_1_sources;
const int _num__array_synapses_1_sources = 800000;
int32_t * _array_synapses_1_targets;
const int _num__array_synapses_1_targets = 800000;

//////////////// dynamic arrays 1d /////////
std::vector<int32_t> _dynamic_array_spikegeneratorgroup_1__timebins;
std::vector<int32_t> _dynamic_array_spikegeneratorgroup_1_neuron_index;
std::vector<int32_t> _dynamic_array_spikegeneratorgroup_1_spike_number;
std::vector<double> _dynamic_array_spikegeneratorgroup_1_spike_time;
std::vector<int32_t> _dynamic_array_spikemonitor_1_i;
std::vector<double> _dynamic_array_spikemonitor_1_t;
std::vector<int32_t> _dynamic_array_synapses_1__synaptic_post;
std::vector<int32_t> _dynamic_array_synapses_1__synaptic_pre;
std::vector<double> _dynamic_array_synapses_1_delay;
std::vector<int32_t> _dynamic_array_synapses_1_N_incoming;
std::vector<int32_t> _dynamic_array_synapses_1_N_outgoing;

//////////////// dynamic arrays 2d /////////

/////////////// static arrays /////////////
int32_t * _static_array__array_synapses_1_sources;
const int _num__static_array__array_synapses_1_sources = 800000;
int32_t * _static_array__array_synapses_1_targets;
const int _num__static_array__array_synapses_1_targets = 800000;
int32_t * _static_array__dynamic_array_spikegeneratorgroup_1__timebins;
const int _num__static_array__dynamic_array_spikegeneratorgroup_1__timebins = 199586;
int64_t * _static_array__dynamic_array_spikegeneratorgroup_1_neuron_index;
const int _num__static_array__dynamic_array_spikegeneratorgroup_1_neuron_index = 199586;
int64_t * _static_array__dynamic_array_spikegeneratorgroup_1_spike_number;
const int _num__static_array__dynamic_array_spikegeneratorgroup_1_spike_number = 199586;
double * _static_array__dynamic_array_spikegeneratorgroup_1_spike_time;
const int _num__static_array__dynamic_array_spikegeneratorgroup_1_spike_time = 199586;

//////////////// synapses /////////////////
// synapses_1
SynapticPathway synapses_1_pre(
		_dynamic_array_synapses_1__synaptic_pre,
		0, 4000);

//////////////// clocks ///////////////////
Clock defaultclock;  // attributes will be set in run.cpp

// Profiling information for each code object
}

void _init_arrays()
{
	using namespace brian;

    // Arrays initialized to 0
	_array_defaultclock_dt = new double[1];
    
	for(int i=0; i<1; i++) _array_defaultclock_dt[i] = 0;

	_array_defaultclock_t = new double[1];
    
	for(int i=0; i<1; i++) _array_defaultclock_t[i] = 0;

	_array_defaultclock_timestep = new int64_t[1];
    
	for(int i=0; i<1; i++) _array_defaultclock_timestep[i] = 0;

	_array_neurongroup_1__spikespace = new int32_t[4001];
    
	for(int i=0; i<4001; i++) _array_neurongroup_1__spikespace[i] = 0;

	_array_neurongroup_1_i = new int32_t[4000];
    
	for(int i=0; i<4000; i++) _array_neurongroup_1_i[i] = 0;

	_array_neurongroup_1_v = new double[4000];
    
	for(int i=0; i<4000; i++) _array_neurongroup_1_v[i] = 0;

	_array_spikegeneratorgroup_1__lastindex = new int32_t[1];
    
	for(int i=0; i<1; i++) _array_spikegeneratorgroup_1__lastindex[i] = 0;

	_array_spikegeneratorgroup_1__period_bins = new int32_t[1];
    
	for(int i=0; i<1; i++) _array_spikegeneratorgroup_1__period_bins[i] = 0;

	_array_spikegeneratorgroup_1__spikespace = new int32_t[4001];
    
	for(int i=0; i<4001; i++) _array_spikegeneratorgroup_1__spikespace[i] = 0;

	_array_spikegeneratorgroup_1_i = new int32_t[4000];
    
	for(int i=0; i<4000; i++) _array_spikegeneratorgroup_1_i[i] = 0;

	_array_spikegeneratorgroup_1_period = new double[1];
    
	for(int i=0; i<1; i++) _array_spikegeneratorgroup_1_period[i] = 0;

	_array_spikemonitor_1__source_idx = new int32_t[4000];
    
	for(int i=0; i<4000; i++) _array_spikemonitor_1__source_idx[i] = 0;

	_array_spikemonitor_1_count = new int32_t[4000];
    
	for(int i=0; i<4000; i++) _array_spikemonitor_1_count[i] = 0;

	_array_spikemonitor_1_N = new int32_t[1];
    
	for(int i=0; i<1; i++) _array_spikemonitor_1_N[i] = 0;

	_array_synapses_1_N = new int32_t[1];
    
	for(int i=0; i<1; i++) _array_synapses_1_N[i] = 0;

	_array_synapses_1_sources = new int32_t[800000];
    
	for(int i=0; i<800000; i++) _array_synapses_1_sources[i] = 0;

	_array_synapses_1_targets = new int32_t[800000];
    
	for(int i=0; i<800000; i++) _array_synapses_1_targets[i] = 0;

	_dynamic_array_spikegeneratorgroup_1__timebins.resize(199586);
    
	for(int i=0; i<199586; i++) _dynamic_array_spikegeneratorgroup_1__timebins[i] = 0;


	// Arrays initialized to an "arange"
	_array_neurongroup_1_i = new int32_t[4000];
    
	for(int i=0; i<4000; i++) _array_neurongroup_1_i[i] = 0 + i;

	_array_spikegeneratorgroup_1_i = new int32_t[4000];
    
	for(int i=0; i<4000; i++) _array_spikegeneratorgroup_1_i[i] = 0 + i;

	_array_spikemonitor_1__source_idx = new int32_t[4000];
    
	for(int i=0; i<4000; i++) _array_spikemonitor_1__source_idx[i] = 0 + i;


	// static arrays
	_static_array__array_synapses_1_sources = new int32_t[800000];
	_static_array__array_synapses_1_targets = new int32_t[800000];
	_static_array__dynamic_array_spikegeneratorgroup_1__timebins = new int32_t[199586];
	_static_array__dynamic_array_spikegeneratorgroup_1_neuron_index = new int64_t[199586];
	_static_array__dynamic_array_spikegeneratorgroup_1_spike_number = new int64_t[199586];
	_static_array__dynamic_array_spikegeneratorgroup_1_spike_time = new double[199586];

	// Random number generator states
	for (int i=0; i<1; i++)
	    _mersenne_twister_states.push_back(new rk_state());
}

void _load_arrays()
{
	using namespace brian;

	ifstream f_static_array__array_synapses_1_sources;
	f_static_array__array_synapses_1_sources.open("static_arrays/_static_array__array_synapses_1_sources", ios::in | ios::binary);
	if(f_static_array__array_synapses_1_sources.is_open())
	{
		f_static_array__array_synapses_1_sources.read(reinterpret_cast<char*>(_static_array__array_synapses_1_sources), 800000*sizeof(int32_t));
	} else
	{
		std::cout << "Error opening static array _static_array__array_synapses_1_sources." << endl;
	}
	ifstream f_static_array__array_synapses_1_targets;
	f_static_array__array_synapses_1_targets.open("static_arrays/_static_array__array_synapses_1_targets", ios::in | ios::binary);
	if(f_static_array__array_synapses_1_targets.is_open())
	{
		f_static_array__array_synapses_1_targets.read(reinterpret_cast<char*>(_static_array__array_synapses_1_targets), 800000*sizeof(int32_t));
	} else
	{
		std::cout << "Error opening static array _static_array__array_synapses_1_targets." << endl;
	}
	ifstream f_static_array__dynamic_array_spikegeneratorgroup_1__timebins;
	f_static_array__dynamic_array_spikegeneratorgroup_1__timebins.open("static_arrays/_static_array__dynamic_array_spikegeneratorgroup_1__timebins", ios::in | ios::binary);
	if(f_static_array__dynamic_array_spikegeneratorgroup_1__timebins.is_open())
	{
		f_static_array__dynamic_array_spikegeneratorgroup_1__timebins.read(reinterpret_cast<char*>(_static_array__dynamic_array_spikegeneratorgroup_1__timebins), 199586*sizeof(int32_t));
	} else
	{
		std::cout << "Error opening static array _static_array__dynamic_array_spikegeneratorgroup_1__timebins." << endl;
	}
	ifstream f_static_array__dynamic_array_spikegeneratorgroup_1_neuron_index;
	f_static_array__dynamic_array_spikegeneratorgroup_1_neuron_index.open("static_arrays/_static_array__dynamic_array_spikegeneratorgroup_1_neuron_index", ios::in | ios::binary);
	if(f_static_array__dynamic_array_spikegeneratorgroup_1_neuron_index.is_open())
	{
		f_static_array__dynamic_array_spikegeneratorgroup_1_neuron_index.read(reinterpret_cast<char*>(_static_array__dynamic_array_spikegeneratorgroup_1_neuron_index), 199586*sizeof(int64_t));
	} else
	{
		std::cout << "Error opening static array _static_array__dynamic_array_spikegeneratorgroup_1_neuron_index." << endl;
	}
	ifstream f_static_array__dynamic_array_spikegeneratorgroup_1_spike_number;
	f_static_array__dynamic_array_spikegeneratorgroup_1_spike_number.open("static_arrays/_static_array__dynamic_array_spikegeneratorgroup_1_spike_number", ios::in | ios::binary);
	if(f_static_array__dynamic_array_spikegeneratorgroup_1_spike_number.is_open())
	{
		f_static_array__dynamic_array_spikegeneratorgroup_1_spike_number.read(reinterpret_cast<char*>(_static_array__dynamic_array_spikegeneratorgroup_1_spike_number), 199586*sizeof(int64_t));
	} else
	{
		std::cout << "Error opening static array _static_array__dynamic_array_spikegeneratorgroup_1_spike_number." << endl;
	}
	ifstream f_static_array__dynamic_array_spikegeneratorgroup_1_spike_time;
	f_static_array__dynamic_array_spikegeneratorgroup_1_spike_time.open("static_arrays/_static_array__dynamic_array_spikegeneratorgroup_1_spike_time", ios::in | ios::binary);
	if(f_static_array__dynamic_array_spikegeneratorgroup_1_spike_time.is_open())
	{
		f_static_array__dynamic_array_spikegeneratorgroup_1_spike_time.read(reinterpret_cast<char*>(_static_array__dynamic_array_spikegeneratorgroup_1_spike_time), 199586*sizeof(double));
	} else
	{
		std::cout << "Error opening static array _static_array__dynamic_array_spikegeneratorgroup_1_spike_time." << endl;
	}
}

void _write_arrays()
{
	using namespace brian;

	ofstream outfile__array_defaultclock_dt;
	outfile__array_defaultclock_dt.open("results/_array_defaultclock_dt_1978099143", ios::binary | ios::out);
	if(outfile__array_defaultclock_dt.is_open())
	{
		outfile__array_defaultclock_dt.write(reinterpret_cast<char*>(_array_defaultclock_dt), 1*sizeof(_array_defaultclock_dt[0]));
		outfile__array_defaultclock_dt.close();
	} else
	{
		std::cout << "Error writing output file for _array_defaultclock_dt." << endl;
	}
	ofstream outfile__array_defaultclock_t;
	outfile__array_defaultclock_t.open("results/_array_defaultclock_t_2669362164", ios::binary | ios::out);
	if(outfile__array_defaultclock_t.is_open())
	{
		outfile__array_defaultclock_t.write(reinterpret_cast<char*>(_array_defaultclock_t), 1*sizeof(_array_defaultclock_t[0]));
		outfile__array_defaultclock_t.close();
	} else
	{
		std::cout << "Error writing output file for _array_defaultclock_t." << endl;
	}
	ofstream outfile__array_defaultclock_timestep;
	outfile__array_defaultclock_timestep.open("results/_array_defaultclock_timestep_144223508", ios::binary | ios::out);
	if(outfile__array_defaultclock_timestep.is_open())
	{
		outfile__array_defaultclock_timestep.write(reinterpret_cast<char*>(_array_defaultclock_timestep), 1*sizeof(_array_defaultclock_timestep[0]));
		outfile__array_defaultclock_timestep.close();
	} else
	{
		std::cout << "Error writing output file for _array_defaultclock_timestep." << endl;
	}
	ofstream outfile__array_neurongroup_1__spikespace;
	outfile__array_neurongroup_1__spikespace.open("results/_array_neurongroup_1__spikespace_3155027917", ios::binary | ios::out);
	if(outfile__array_neurongroup_1__spikespace.is_open())
	{
		outfile__array_neurongroup_1__spikespace.write(reinterpret_cast<char*>(_array_neurongroup_1__spikespace), 4001*sizeof(_array_neurongroup_1__spikespace[0]));
		outfile__array_neurongroup_1__spikespace.close();
	} else
	{
		std::cout << "Error writing output file for _array_neurongroup_1__spikespace." << endl;
	}
	ofstream outfile__array_neurongroup_1_i;
	outfile__array_neurongroup_1_i.open("results/_array_neurongroup_1_i_3674354357", ios::binary | ios::out);
	if(outfile__array_neurongroup_1_i.is_open())
	{
		outfile__array_neurongroup_1_i.write(reinterpret_cast<char*>(_array_neurongroup_1_i), 4000*sizeof(_array_neurongroup_1_i[0]));
		outfile__array_neurongroup_1_i.close();
	} else
	{
		std::cout << "Error writing output file for _array_neurongroup_1_i." << endl;
	}
	ofstream outfile__array_neurongroup_1_v;
	outfile__array_neurongroup_1_v.open("results/_array_neurongroup_1_v_1443512128", ios::binary | ios::out);
	if(outfile__array_neurongroup_1_v.is_open())
	{
		outfile__array_neurongroup_1_v.write(reinterpret_cast<char*>(_array_neurongroup_1_v), 4000*sizeof(_array_neurongroup_1_v[0]));
		outfile__array_neurongroup_1_v.close();
	} else
	{
		std::cout << "Error writing output file for _array_neurongroup_1_v." << endl;
	}
	ofstream outfile__array_spikegeneratorgroup_1__lastindex;
	outfile__array_spikegeneratorgroup_1__lastindex.open("results/_array_spikegeneratorgroup_1__lastindex_1569583423", ios::binary | ios::out);
	if(outfile__array_spikegeneratorgroup_1__lastindex.is_open())
	{
		outfile__array_spikegeneratorgroup_1__lastindex.write(reinterpret_cast<char*>(_array_spikegeneratorgroup_1__lastindex), 1*sizeof(_array_spikegeneratorgroup_1__lastindex[0]));
		outfile__array_spikegeneratorgroup_1__lastindex.close();
	} else
	{
		std::cout << "Error writing output file for _array_spikegeneratorgroup_1__lastindex." << endl;
	}
	ofstream outfile__array_spikegeneratorgroup_1__period_bins;
	outfile__array_spikegeneratorgroup_1__period_bins.open("results/_array_spikegeneratorgroup_1__period_bins_679766417", ios::binary | ios::out);
	if(outfile__array_spikegeneratorgroup_1__period_bins.is_open())
	{
		outfile__array_spikegeneratorgroup_1__period_bins.write(reinterpret_cast<char*>(_array_spikegeneratorgroup_1__period_bins), 1*sizeof(_array_spikegeneratorgroup_1__period_bins[0]));
		outfile__array_spikegeneratorgroup_1__period_bins.close();
	} else
	{
		std::cout << "Error writing output file for _array_spikegeneratorgroup_1__period_bins." << endl;
	}
	ofstream outfile__array_spikegeneratorgroup_1__spikespace;
	outfile__array_spikegeneratorgroup_1__spikespace.open("results/_array_spikegeneratorgroup_1__spikespace_3605309379", ios::binary | ios::out);
	if(outfile__array_spikegeneratorgroup_1__spikespace.is_open())
	{
		outfile__array_spikegeneratorgroup_1__spikespace.write(reinterpret_cast<char*>(_array_spikegeneratorgroup_1__spikespace), 4001*sizeof(_array_spikegeneratorgroup_1__spikespace[0]));
		outfile__array_spikegeneratorgroup_1__spikespace.close();
	} else
	{
		std::cout << "Error writing output file for _array_spikegeneratorgroup_1__spikespace." << endl;
	}
	ofstream outfile__array_spikegeneratorgroup_1_i;
	outfile__array_spikegeneratorgroup_1_i.open("results/_array_spikegeneratorgroup_1_i_2942362625", ios::binary | ios::out);
	if(outfile__array_spikegeneratorgroup_1_i.is_open())
	{
		outfile__array_spikegeneratorgroup_1_i.write(reinterpret_cast<char*>(_array_spikegeneratorgroup_1_i), 4000*sizeof(_array_spikegeneratorgroup_1_i[0]));
		outfile__array_spikegeneratorgroup_1_i.close();
	} else
	{
		std::cout << "Error writing output file for _array_spikegeneratorgroup_1_i." << endl;
	}
	ofstream outfile__array_spikegeneratorgroup_1_period;
	outfile__array_spikegeneratorgroup_1_period.open("results/_array_spikegeneratorgroup_1_period_2560000571", ios::binary | ios::out);
	if(outfile__array_spikegeneratorgroup_1_period.is_open())
	{
		outfile__array_spikegeneratorgroup_1_period.write(reinterpret_cast<char*>(_array_spikegeneratorgroup_1_period), 1*sizeof(_array_spikegeneratorgroup_1_period[0]));
		outfile__array_spikegeneratorgroup_1_period.close();
	} else
	{
		std::cout << "Error writing output file for _array_spikegeneratorgroup_1_period." << endl;
	}
	ofstream outfile__array_spikemonitor_1__source_idx;
	outfile__array_spikemonitor_1__source_idx.open("results/_array_spikemonitor_1__source_idx_3609292218", ios::binary | ios::out);
	if(outfile__array_spikemonitor_1__source_idx.is_open())
	{
		outfile__array_spikemonitor_1__source_idx.write(reinterpret_cast<char*>(_array_spikemonitor_1__source_idx), 4000*sizeof(_array_spikemonitor_1__source_idx[0]));
		outfile__array_spikemonitor_1__source_idx.close();
	} else
	{
		std::cout << "Error writing output file for _array_spikemonitor_1__source_idx." << endl;
	}
	ofstream outfile__array_spikemonitor_1_count;
	outfile__array_spikemonitor_1_count.open("results/_array_spikemonitor_1_count_3862916462", ios::binary | ios::out);
	if(outfile__array_spikemonitor_1_count.is_open())
	{
		outfile__array_spikemonitor_1_count.write(reinterpret_cast<char*>(_array_spikemonitor_1_count), 4000*sizeof(_array_spikemonitor_1_count[0]));
		outfile__array_spikemonitor_1_count.close();
	} else
	{
		std::cout << "Error writing output file for _array_spikemonitor_1_count." << endl;
	}
	ofstream outfile__array_spikemonitor_1_N;
	outfile__array_spikemonitor_1_N.open("results/_array_spikemonitor_1_N_2390248205", ios::binary | ios::out);
	if(outfile__array_spikemonitor_1_N.is_open())
	{
		outfile__array_spikemonitor_1_N.write(reinterpret_cast<char*>(_array_spikemonitor_1_N), 1*sizeof(_array_spikemonitor_1_N[0]));
		outfile__array_spikemonitor_1_N.close();
	} else
	{
		std::cout << "Error writing output file for _array_spikemonitor_1_N." << endl;
	}
	ofstream outfile__array_synapses_1_N;
	outfile__array_synapses_1_N.open("results/_array_synapses_1_N_1771729519", ios::binary | ios::out);
	if(outfile__array_synapses_1_N.is_open())
	{
		outfile__array_synapses_1_N.write(reinterpret_cast<char*>(_array_synapses_1_N), 1*sizeof(_array_synapses_1_N[0]));
		outfile__array_synapses_1_N.close();
	} else
	{
		std::cout << "Error writing output file for _array_synapses_1_N." << endl;
	}
	ofstream outfile__array_synapses_1_sources;
	outfile__array_synapses_1_sources.open("results/_array_synapses_1_sources_93121092", ios::binary | ios::out);
	if(outfile__array_synapses_1_sources.is_open())
	{
		outfile__array_synapses_1_sources.write(reinterpret_cast<char*>(_array_synapses_1_sources), 800000*sizeof(_array_synapses_1_sources[0]));
		outfile__array_synapses_1_sources.close();
	} else
	{
		std::cout << "Error writing output file for _array_synapses_1_sources." << endl;
	}
	ofstream outfile__array_synapses_1_targets;
	outfile__array_synapses_1_targets.open("results/_array_synapses_1_targets_2022871461", ios::binary | ios::out);
	if(outfile__array_synapses_1_targets.is_open())
	{
		outfile__array_synapses_1_targets.write(reinterpret_cast<char*>(_array_synapses_1_targets), 800000*sizeof(_array_synapses_1_targets[0]));
		outfile__array_synapses_1_targets.close();
	} else
	{
		std::cout << "Error writing output file for _array_synapses_1_targets." << endl;
	}

	ofstream outfile__dynamic_array_spikegeneratorgroup_1__timebins;
	outfile__dynamic_array_spikegeneratorgroup_1__timebins.open("results/_dynamic_array_spikegeneratorgroup_1__timebins_1685057982", ios::binary | ios::out);
	if(outfile__dynamic_array_spikegeneratorgroup_1__timebins.is_open())
	{
        if (! _dynamic_array_spikegeneratorgroup_1__timebins.empty() )
        {
			outfile__dynamic_array_spikegeneratorgroup_1__timebins.write(reinterpret_cast<char*>(&_dynamic_array_spikegeneratorgroup_1__timebins[0]), _dynamic_array_spikegeneratorgroup_1__timebins.size()*sizeof(_dynamic_array_spikegeneratorgroup_1__timebins[0]));
		    outfile__dynamic_array_spikegeneratorgroup_1__timebins.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_spikegeneratorgroup_1__timebins." << endl;
	}
	ofstream outfile__dynamic_array_spikegeneratorgroup_1_neuron_index;
	outfile__dynamic_array_spikegeneratorgroup_1_neuron_index.open("results/_dynamic_array_spikegeneratorgroup_1_neuron_index_3551457201", ios::binary | ios::out);
	if(outfile__dynamic_array_spikegeneratorgroup_1_neuron_index.is_open())
	{
        if (! _dynamic_array_spikegeneratorgroup_1_neuron_index.empty() )
        {
			outfile__dynamic_array_spikegeneratorgroup_1_neuron_index.write(reinterpret_cast<char*>(&_dynamic_array_spikegeneratorgroup_1_neuron_index[0]), _dynamic_array_spikegeneratorgroup_1_neuron_index.size()*sizeof(_dynamic_array_spikegeneratorgroup_1_neuron_index[0]));
		    outfile__dynamic_array_spikegeneratorgroup_1_neuron_index.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_spikegeneratorgroup_1_neuron_index." << endl;
	}
	ofstream outfile__dynamic_array_spikegeneratorgroup_1_spike_number;
	outfile__dynamic_array_spikegeneratorgroup_1_spike_number.open("results/_dynamic_array_spikegeneratorgroup_1_spike_number_2688997505", ios::binary | ios::out);
	if(outfile__dynamic_array_spikegeneratorgroup_1_spike_number.is_open())
	{
        if (! _dynamic_array_spikegeneratorgroup_1_spike_number.empty() )
        {
			outfile__dynamic_array_spikegeneratorgroup_1_spike_number.write(reinterpret_cast<char*>(&_dynamic_array_spikegeneratorgroup_1_spike_number[0]), _dynamic_array_spikegeneratorgroup_1_spike_number.size()*sizeof(_dynamic_array_spikegeneratorgroup_1_spike_number[0]));
		    outfile__dynamic_array_spikegeneratorgroup_1_spike_number.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_spikegeneratorgroup_1_spike_number." << endl;
	}
	ofstream outfile__dynamic_array_spikegeneratorgroup_1_spike_time;
	outfile__dynamic_array_spikegeneratorgroup_1_spike_time.open("results/_dynamic_array_spikegeneratorgroup_1_spike_time_2197214823", ios::binary | ios::out);
	if(outfile__dynamic_array_spikegeneratorgroup_1_spike_time.is_open())
	{
        if (! _dynamic_array_spikegeneratorgroup_1_spike_time.empty() )
        {
			outfile__dynamic_array_spikegeneratorgroup_1_spike_time.write(reinterpret_cast<char*>(&_dynamic_array_spikegeneratorgroup_1_spike_time[0]), _dynamic_array_spikegeneratorgroup_1_spike_time.size()*sizeof(_dynamic_array_spikegeneratorgroup_1_spike_time[0]));
		    outfile__dynamic_array_spikegeneratorgroup_1_spike_time.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_spikegeneratorgroup_1_spike_time." << endl;
	}
	ofstream outfile__dynamic_array_spikemonitor_1_i;
	outfile__dynamic_array_spikemonitor_1_i.open("results/_dynamic_array_spikemonitor_1_i_2680224553", ios::binary | ios::out);
	if(outfile__dynamic_array_spikemonitor_1_i.is_open())
	{
        if (! _dynamic_array_spikemonitor_1_i.empty() )
        {
			outfile__dynamic_array_spikemonitor_1_i.write(reinterpret_cast<char*>(&_dynamic_array_spikemonitor_1_i[0]), _dynamic_array_spikemonitor_1_i.size()*sizeof(_dynamic_array_spikemonitor_1_i[0]));
		    outfile__dynamic_array_spikemonitor_1_i.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_spikemonitor_1_i." << endl;
	}
	ofstream outfile__dynamic_array_spikemonitor_1_t;
	outfile__dynamic_array_spikemonitor_1_t.open("results/_dynamic_array_spikemonitor_1_t_4240873456", ios::binary | ios::out);
	if(outfile__dynamic_array_spikemonitor_1_t.is_open())
	{
        if (! _dynamic_array_spikemonitor_1_t.empty() )
        {
			outfile__dynamic_array_spikemonitor_1_t.write(reinterpret_cast<char*>(&_dynamic_array_spikemonitor_1_t[0]), _dynamic_array_spikemonitor_1_t.size()*sizeof(_dynamic_array_spikemonitor_1_t[0]));
		    outfile__dynamic_array_spikemonitor_1_t.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_spikemonitor_1_t." << endl;
	}
	ofstream outfile__dynamic_array_synapses_1__synaptic_post;
	outfile__dynamic_array_synapses_1__synaptic_post.open("results/_dynamic_array_synapses_1__synaptic_post_1999337987", ios::binary | ios::out);
	if(outfile__dynamic_array_synapses_1__synaptic_post.is_open())
	{
        if (! _dynamic_array_synapses_1__synaptic_post.empty() )
        {
			outfile__dynamic_array_synapses_1__synaptic_post.write(reinterpret_cast<char*>(&_dynamic_array_synapses_1__synaptic_post[0]), _dynamic_array_synapses_1__synaptic_post.size()*sizeof(_dynamic_array_synapses_1__synaptic_post[0]));
		    outfile__dynamic_array_synapses_1__synaptic_post.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_synapses_1__synaptic_post." << endl;
	}
	ofstream outfile__dynamic_array_synapses_1__synaptic_pre;
	outfile__dynamic_array_synapses_1__synaptic_pre.open("results/_dynamic_array_synapses_1__synaptic_pre_681065502", ios::binary | ios::out);
	if(outfile__dynamic_array_synapses_1__synaptic_pre.is_open())
	{
        if (! _dynamic_array_synapses_1__synaptic_pre.empty() )
        {
			outfile__dynamic_array_synapses_1__synaptic_pre.write(reinterpret_cast<char*>(&_dynamic_array_synapses_1__synaptic_pre[0]), _dynamic_array_synapses_1__synaptic_pre.size()*sizeof(_dynamic_array_synapses_1__synaptic_pre[0]));
		    outfile__dynamic_array_synapses_1__synaptic_pre.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_synapses_1__synaptic_pre." << endl;
	}
	ofstream outfile__dynamic_array_synapses_1_delay;
	outfile__dynamic_array_synapses_1_delay.open("results/_dynamic_array_synapses_1_delay_2373823482", ios::binary | ios::out);
	if(outfile__dynamic_array_synapses_1_delay.is_open())
	{
        if (! _dynamic_array_synapses_1_delay.empty() )
        {
			outfile__dynamic_array_synapses_1_delay.write(reinterpret_cast<char*>(&_dynamic_array_synapses_1_delay[0]), _dynamic_array_synapses_1_delay.size()*sizeof(_dynamic_array_synapses_1_delay[0]));
		    outfile__dynamic_array_synapses_1_delay.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_synapses_1_delay." << endl;
	}
	ofstream outfile__dynamic_array_synapses_1_N_incoming;
	outfile__dynamic_array_synapses_1_N_incoming.open("results/_dynamic_array_synapses_1_N_incoming_3469555706", ios::binary | ios::out);
	if(outfile__dynamic_array_synapses_1_N_incoming.is_open())
	{
        if (! _dynamic_array_synapses_1_N_incoming.empty() )
        {
			outfile__dynamic_array_synapses_1_N_incoming.write(reinterpret_cast<char*>(&_dynamic_array_synapses_1_N_incoming[0]), _dynamic_array_synapses_1_N_incoming.size()*sizeof(_dynamic_array_synapses_1_N_incoming[0]));
		    outfile__dynamic_array_synapses_1_N_incoming.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_synapses_1_N_incoming." << endl;
	}
	ofstream outfile__dynamic_array_synapses_1_N_outgoing;
	outfile__dynamic_array_synapses_1_N_outgoing.open("results/_dynamic_array_synapses_1_N_outgoing_3922806560", ios::binary | ios::out);
	if(outfile__dynamic_array_synapses_1_N_outgoing.is_open())
	{
        if (! _dynamic_array_synapses_1_N_outgoing.empty() )
        {
			outfile__dynamic_array_synapses_1_N_outgoing.write(reinterpret_cast<char*>(&_dynamic_array_synapses_1_N_outgoing[0]), _dynamic_array_synapses_1_N_outgoing.size()*sizeof(_dynamic_array_synapses_1_N_outgoing[0]));
		    outfile__dynamic_array_synapses_1_N_outgoing.close();
		}
	} else
	{
		std::cout << "Error writing output file for _dynamic_array_synapses_1_N_outgoing." << endl;
	}

	// Write last run info to disk
	ofstream outfile_last_run_info;
	outfile_last_run_info.open("results/last_run_info.txt", ios::out);
	if(outfile_last_run_info.is_open())
	{
		outfile_last_run_info << (Network::_last_run_time) << " " << (Network::_last_run_completed_fraction) << std::endl;
		outfile_last_run_info.close();
	} else
	{
	    std::cout << "Error writing last run info to file." << std::endl;
	}
}

void _dealloc_arrays()
{
	using namespace brian;


	// static arrays
	if(_static_array__array_synapses_1_sources!=0)
	{
		delete [] _static_array__array_synapses_1_sources;
		_static_array__array_synapses_1_sources = 0;
	}
	if(_static_array__array_synapses_1_targets!=0)
	{
		delete [] _static_array__array_synapses_1_targets;
		_static_array__array_synapses_1_targets = 0;
	}
	if(_static_array__dynamic_array_spikegeneratorgroup_1__timebins!=0)
	{
		delete [] _static_array__dynamic_array_spikegeneratorgroup_1__timebins;
		_static_array__dynamic_array_spikegeneratorgroup_1__timebins = 0;
	}
	if(_static_array__dynamic_array_spikegeneratorgroup_1_neuron_index!=0)
	{
		delete [] _static_array__dynamic_array_spikegeneratorgroup_1_neuron_index;
		_static_array__dynamic_array_spikegeneratorgroup_1_neuron_index = 0;
	}
	if(_static_array__dynamic_array_spikegeneratorgroup_1_spike_number!=0)
	{
		delete [] _static_array__dynamic_array_spikegeneratorgroup_1_spike_number;
		_static_array__dynamic_array_spikegeneratorgroup_1_spike_number = 0;
	}
	if(_static_array__dynamic_array_spikegeneratorgroup_1_spike_time!=0)
	{
		delete [] _static_array__dynamic_array_spikegeneratorgroup_1_spike_time;
		_static_array__dynamic_array_spikegeneratorgroup_1_spike_time = 0;
	}
}

