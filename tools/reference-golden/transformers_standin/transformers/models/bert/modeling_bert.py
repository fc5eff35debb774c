"""BERT sub-layers with the forward semantics of transformers 4.37 (eager attention, absolute positions, no decoder).

Written for the golden-fixture generator; names of sub-modules (and so of state_dict keys) are those of 4.37:
BertAttention.self.{query,key,value}, BertAttention.output.{dense,LayerNorm}, BertIntermediate.dense,
BertOutput.{dense,LayerNorm}.

The one behaviour that matters beyond the arithmetic: when BertSelfAttention gets encoder_hidden_states (cross-attention),
4.37 replaces `attention_mask` by its `encoder_attention_mask` argument. The authors' BertBlock passes the source mask
as `attention_mask` and no `encoder_attention_mask`, so their cross-attention is unmasked.
"""
import math

import torch
from torch import nn


class BertSelfAttention(nn.Module):
    def __init__(self, config, position_embedding_type=None):
        super().__init__()
        if config.hidden_size % config.num_attention_heads != 0:
            raise ValueError("hidden_size must be a multiple of num_attention_heads")
        if (position_embedding_type or getattr(config, "position_embedding_type", "absolute")) != "absolute":
            raise NotImplementedError("only absolute position embeddings are part of this stand-in")
        self.num_attention_heads = config.num_attention_heads
        self.attention_head_size = config.hidden_size // config.num_attention_heads
        self.all_head_size = self.num_attention_heads * self.attention_head_size
        self.query = nn.Linear(config.hidden_size, self.all_head_size)
        self.key = nn.Linear(config.hidden_size, self.all_head_size)
        self.value = nn.Linear(config.hidden_size, self.all_head_size)
        self.dropout = nn.Dropout(config.attention_probs_dropout_prob)

    def _heads(self, x):
        return x.view(x.size()[:-1] + (self.num_attention_heads, self.attention_head_size)).permute(0, 2, 1, 3)

    def forward(self, hidden_states, attention_mask=None, head_mask=None, encoder_hidden_states=None,
                encoder_attention_mask=None, past_key_value=None, output_attentions=False):
        if past_key_value is not None or head_mask is not None or output_attentions:
            raise NotImplementedError("caches, head masks and attention outputs are not part of this stand-in")
        query = self._heads(self.query(hidden_states))
        if encoder_hidden_states is not None:
            key = self._heads(self.key(encoder_hidden_states))
            value = self._heads(self.value(encoder_hidden_states))
            attention_mask = encoder_attention_mask  # 4.37: cross-attention uses only encoder_attention_mask
        else:
            key = self._heads(self.key(hidden_states))
            value = self._heads(self.value(hidden_states))
        scores = torch.matmul(query, key.transpose(-1, -2)) / math.sqrt(self.attention_head_size)
        if attention_mask is not None:
            scores = scores + attention_mask
        probs = self.dropout(nn.functional.softmax(scores, dim=-1))
        context = torch.matmul(probs, value).permute(0, 2, 1, 3).contiguous()
        return (context.view(context.size()[:-2] + (self.all_head_size,)),)


class BertSelfOutput(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, hidden_states, input_tensor):
        return self.LayerNorm(self.dropout(self.dense(hidden_states)) + input_tensor)


class BertAttention(nn.Module):
    def __init__(self, config, position_embedding_type=None):
        super().__init__()
        self.self = BertSelfAttention(config, position_embedding_type=position_embedding_type)
        self.output = BertSelfOutput(config)

    def forward(self, hidden_states, attention_mask=None, head_mask=None, encoder_hidden_states=None,
                encoder_attention_mask=None, past_key_value=None, output_attentions=False):
        self_outputs = self.self(hidden_states, attention_mask, head_mask, encoder_hidden_states,
                                 encoder_attention_mask, past_key_value, output_attentions)
        return (self.output(self_outputs[0], hidden_states),) + self_outputs[1:]


class BertIntermediate(nn.Module):
    def __init__(self, config):
        super().__init__()
        if config.hidden_act != "gelu":
            raise NotImplementedError("only hidden_act='gelu' (the exact, erf-based GELU) is part of this stand-in")
        self.dense = nn.Linear(config.hidden_size, config.intermediate_size)

    def forward(self, hidden_states):
        return nn.functional.gelu(self.dense(hidden_states))


class BertOutput(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.intermediate_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, hidden_states, input_tensor):
        return self.LayerNorm(self.dropout(self.dense(hidden_states)) + input_tensor)


def apply_chunking_to_forward(forward_fn, chunk_size, chunk_dim, *input_tensors):
    if chunk_size > 0:
        chunks = zip(*(t.chunk(t.shape[chunk_dim] // chunk_size, dim=chunk_dim) for t in input_tensors))
        return torch.cat([forward_fn(*c) for c in chunks], dim=chunk_dim)
    return forward_fn(*input_tensors)
